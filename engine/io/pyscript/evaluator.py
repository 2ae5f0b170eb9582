"""Expressions of a script, evaluated over the known vocabulary: data, Keras names, tensors.

Every expression node is evaluated here by hand (never by Python's `eval`): literals and
arithmetic on data, names, attributes of Keras objects, subscripts (`x.shape[-1]`), calls of
the vocabulary, of the script's own functions (inlined) and of pure builtins, comprehensions,
f-strings, lambdas. Operators on symbolic tensors (`x + y`, `x[:, 0]`) are Keras operations, as
in the running script. Each evaluated node costs one step of a budget, so a script that would
loop for ever is stopped with a message.
"""

from __future__ import annotations

import ast
import operator
from typing import Any

from engine.io.pyscript import python_builtins as py
from engine.io.pyscript.diagnostics import ScriptError, construct
from engine.io.pyscript.keras_calls import SKIPPED_METHODS, KerasBuilder, Where
from engine.io.pyscript.values import MISSING, KerasName, Method, Opaque, Scope, ScriptFunction
from engine.io.pyscript.vocabulary import UnknownName, canonical, is_keras_path, resolve

MAX_STEPS = 2_000_000
_BINOPS = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>", ast.BitAnd: "&",
    ast.BitOr: "|", ast.BitXor: "^",
}  # fmt: skip
_COMPARE = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Is: operator.is_, ast.IsNot: operator.is_not,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}  # fmt: skip
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Invert: operator.invert}


def _first_opaque(value: Any, depth: int = 0) -> Opaque | None:
    if isinstance(value, Opaque):
        return value
    if depth > 50:
        return None
    items = value.values() if isinstance(value, dict) else value
    if isinstance(value, list | tuple | dict):
        for item in items:
            found = _first_opaque(item, depth + 1)
            if found is not None:
                return found
    return None


class Evaluator:
    """Evaluates expressions; `engine.io.pyscript.interpreter` adds statements and calls."""

    def __init__(self, builder: KerasBuilder) -> None:
        self.builder = builder
        self.keras = builder.keras
        self.steps = 0

    # ------------------------------------------------------------------ helpers

    def tick(self, node: ast.AST) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise ScriptError(
                getattr(node, "lineno", None),
                f"the script takes more than {MAX_STEPS:,} steps to read; this reader stops here.",
            )

    def where(self, node: ast.AST, args: list[ast.expr] | None = None) -> Where:
        texts = tuple(construct(a) for a in args or ())
        return Where(getattr(node, "lineno", 0), construct(node), texts)

    def fail(self, node: ast.AST, message: str) -> ScriptError:
        return ScriptError(getattr(node, "lineno", None), message)

    def is_tensor(self, value: Any) -> bool:
        return isinstance(value, self.keras.KerasTensor)

    def truth(self, value: Any, node: ast.AST) -> bool:
        if isinstance(value, Opaque):
            raise self.fail(node, f"`{construct(node)}` depends on {value.explain()}.")
        if self.is_tensor(value):
            raise self.fail(node, f"`{construct(node)}` uses a symbolic tensor as true or false.")
        return bool(value)

    # ------------------------------------------------------------------ dispatch

    def eval(self, node: ast.expr, scope: Scope) -> Any:
        self.tick(node)
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise self.fail(node, f"`{construct(node)}` ({type(node).__name__}) is not followed.")
        try:
            return method(node, scope)
        except RecursionError:
            raise self.fail(node, "the expression is nested too deeply to follow.") from None

    def _Constant(self, node: ast.Constant, scope: Scope) -> Any:
        return node.value

    def _Name(self, node: ast.Name, scope: Scope) -> Any:
        return self.lookup(node, scope)

    def lookup(self, node: ast.Name, scope: Scope) -> Any:
        raise NotImplementedError  # the interpreter knows the script's names

    def _Attribute(self, node: ast.Attribute, scope: Scope) -> Any:
        owner = self.eval(node.value, scope)
        return self.attribute(owner, node.attr, node)

    def attribute(self, owner: Any, attr: str, node: ast.AST) -> Any:
        if attr.startswith("__"):
            raise self.fail(node, f"`{construct(node)}` reaches into Python internals.")
        if isinstance(owner, KerasName):
            return self.keras_attribute(owner, attr, node)
        if isinstance(owner, Opaque):
            return owner.derived(node.lineno, construct(node))
        if isinstance(owner, self.keras.KerasTensor | self.keras.layers.Layer):
            return self.builder.attribute(owner, attr, self.where(node))
        if py.has_data_method(owner, attr):
            return Method(owner, attr)
        raise self.fail(node, f"`{construct(node)}`: {type(owner).__name__} has no `.{attr}`.")

    def keras_attribute(self, owner: KerasName, attr: str, node: ast.AST) -> Any:
        if owner.kind != "module" and owner.kind != "legacy_merge":
            raise self.fail(node, f"`{construct(node)}` is not followed.")
        path = canonical(f"{owner.path}.{attr}")
        if not is_keras_path(path):  # tf.nn, tf.random...: TensorFlow, not Keras
            return Opaque(node.lineno, construct(node), "is TensorFlow code run by the script")
        try:
            found = resolve(path)
        except UnknownName as exc:
            raise self.fail(node, f"{exc}.") from None
        if found is None:
            return Opaque(node.lineno, construct(node), "is computed when the script runs")
        return found

    def _Subscript(self, node: ast.Subscript, scope: Scope) -> Any:
        container = self.eval(node.value, scope)
        index = self.eval(node.slice, scope)
        if isinstance(container, Opaque):
            return container.derived(node.lineno, construct(node))
        if isinstance(index, Opaque):
            return index.derived(node.lineno, construct(node))
        if self.is_tensor(container):
            return self.builder._symbolic(
                operator.getitem, [container, index], {}, self.where(node)
            )
        try:
            return container[index]
        except (IndexError, KeyError, TypeError) as exc:
            raise self.fail(node, f"`{construct(node)}` fails: {exc!r}.") from None

    def _Slice(self, node: ast.Slice, scope: Scope) -> slice:
        parts = [
            None if p is None else self.eval(p, scope) for p in (node.lower, node.upper, node.step)
        ]
        return slice(*parts)

    def _BinOp(self, node: ast.BinOp, scope: Scope) -> Any:
        left, right = self.eval(node.left, scope), self.eval(node.right, scope)
        return self.binary(_BINOPS[type(node.op)], left, right, node)

    def binary(self, symbol: str, left: Any, right: Any, node: ast.AST) -> Any:
        for value in (left, right):
            if isinstance(value, Opaque):
                return value.derived(node.lineno, construct(node))
        if self.is_tensor(left) or self.is_tensor(right):
            function = py._BINARY[symbol]
            return self.builder._symbolic(function, [left, right], {}, self.where(node))
        if not (py.is_data(left) and py.is_data(right)):
            raise self.fail(
                node,
                f"`{construct(node)}`: `{symbol}` on a {type(left).__name__} "
                f"and a {type(right).__name__} is not followed.",
            )
        try:
            return py.binary(symbol, left, right)
        except py.DataError as exc:
            raise self.fail(node, f"`{construct(node)}`: {exc}.") from None

    def _UnaryOp(self, node: ast.UnaryOp, scope: Scope) -> Any:
        value = self.eval(node.operand, scope)
        if isinstance(value, Opaque):
            return value.derived(node.lineno, construct(node))
        if isinstance(node.op, ast.Not):
            return not self.truth(value, node.operand)
        function = _UNARY[type(node.op)]
        if self.is_tensor(value):
            return self.builder._symbolic(function, [value], {}, self.where(node))
        try:
            return function(value)
        except TypeError as exc:
            raise self.fail(node, f"`{construct(node)}` fails: {exc}.") from None

    def _BoolOp(self, node: ast.BoolOp, scope: Scope) -> Any:
        value: Any = None
        for operand in node.values:
            value = self.eval(operand, scope)
            if isinstance(value, Opaque):
                return value.derived(node.lineno, construct(node))
            decided = self.truth(value, operand)
            if decided == isinstance(node.op, ast.Or):
                return value
        return value

    def _Compare(self, node: ast.Compare, scope: Scope) -> Any:
        left = self.eval(node.left, scope)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = self.eval(comparator, scope)
            if isinstance(left, Opaque) or isinstance(right, Opaque):
                source = left if isinstance(left, Opaque) else right
                return source.derived(node.lineno, construct(node))
            function = _COMPARE[type(op)]
            tensors = self.is_tensor(left) or self.is_tensor(right)
            if tensors and not isinstance(op, ast.Is | ast.IsNot):
                return self.builder._symbolic(function, [left, right], {}, self.where(node))
            try:
                result = function(left, right)
            except TypeError as exc:
                raise self.fail(node, f"`{construct(node)}` fails: {exc}.") from None
            if not result:
                return False
            left = right
        return True

    def _IfExp(self, node: ast.IfExp, scope: Scope) -> Any:
        test = self.eval(node.test, scope)
        if isinstance(test, Opaque):
            return test.derived(node.lineno, construct(node))
        branch = node.body if self.truth(test, node.test) else node.orelse
        return self.eval(branch, scope)

    # ------------------------------------------------------------------ containers

    def _Tuple(self, node: ast.Tuple, scope: Scope) -> tuple:
        return tuple(self.items(node.elts, scope))

    def _List(self, node: ast.List, scope: Scope) -> list:
        return self.items(node.elts, scope)

    def _Set(self, node: ast.Set, scope: Scope) -> set:
        return set(self.items(node.elts, scope))

    def items(self, elements: list[ast.expr], scope: Scope) -> list:
        values: list = []
        for element in elements:
            if isinstance(element, ast.Starred):
                values.extend(self.iterate(self.eval(element.value, scope), element))
            else:
                values.append(self.eval(element, scope))
        if len(values) > py.MAX_ITEMS:
            raise self.fail(elements[0], "a sequence too long to follow.")
        return values

    def _Dict(self, node: ast.Dict, scope: Scope) -> dict:
        result: dict = {}
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:  # {**other}
                other = self.eval(value, scope)
                if not isinstance(other, dict):
                    raise self.fail(value, f"`**{construct(value)}` is not a dict.")
                result.update(other)
            else:
                result[self.hashable(self.eval(key, scope), key)] = self.eval(value, scope)
        return result

    def hashable(self, value: Any, node: ast.AST) -> Any:
        if not py.is_data(value) or isinstance(value, list | dict | set):
            raise self.fail(node, f"`{construct(node)}` cannot be a dict key here.")
        return value

    def iterate(self, value: Any, node: ast.AST) -> list:
        """The items a `for` or `*` goes over (data only)."""
        if isinstance(value, Opaque):
            raise self.fail(node, f"`{construct(node)}` goes over {value.explain()}.")
        if isinstance(value, dict):
            return list(value)
        if isinstance(value, list | tuple | range | str | set | frozenset | bytes):
            if len(value) > py.MAX_ITEMS:
                raise self.fail(node, f"`{construct(node)}` has too many items to follow.")
            return list(value)
        raise self.fail(
            node, f"`{construct(node)}` ({type(value).__name__}) cannot be iterated here."
        )

    def _ListComp(self, node: ast.ListComp, scope: Scope) -> list:
        return self.comprehension(node, scope, lambda s: self.eval(node.elt, s))

    def _SetComp(self, node: ast.SetComp, scope: Scope) -> set:
        return set(self.comprehension(node, scope, lambda s: self.eval(node.elt, s)))

    def _GeneratorExp(self, node: ast.GeneratorExp, scope: Scope) -> list:
        return self.comprehension(node, scope, lambda s: self.eval(node.elt, s))

    def _DictComp(self, node: ast.DictComp, scope: Scope) -> dict:
        pairs = self.comprehension(
            node, scope, lambda s: (self.hashable(self.eval(node.key, s), node.key),
                                    self.eval(node.value, s)),
        )  # fmt: skip
        return dict(pairs)

    def comprehension(self, node: Any, scope: Scope, element: Any) -> list:
        inner = Scope(scope)
        inner.globals = set()
        results: list = []

        def loop(level: int) -> None:
            if level == len(node.generators):
                results.append(element(inner))
                if len(results) > py.MAX_ITEMS:
                    raise self.fail(node, "a comprehension too long to follow.")
                return
            generator = node.generators[level]
            for item in self.iterate(self.eval(generator.iter, inner), generator.iter):
                self.tick(generator.iter)
                self.assign(generator.target, item, inner, generator.target)
                if all(self.truth(self.eval(c, inner), c) for c in generator.ifs):
                    loop(level + 1)

        loop(0)
        return results

    def assign(self, target: ast.expr, value: Any, scope: Scope, node: ast.AST) -> None:
        raise NotImplementedError  # the interpreter binds names

    # ------------------------------------------------------------------ strings, lambdas

    def _JoinedStr(self, node: ast.JoinedStr, scope: Scope) -> Any:
        parts = []
        for value in node.values:
            part = self.eval(value, scope)
            if isinstance(part, Opaque):
                return part.derived(node.lineno, construct(node))
            parts.append(part)
        return "".join(parts)

    def _FormattedValue(self, node: ast.FormattedValue, scope: Scope) -> Any:
        value = self.eval(node.value, scope)
        if isinstance(value, Opaque):
            return value
        if node.conversion in (ord("r"), ord("a")):
            value = repr(value) if node.conversion == ord("r") else ascii(value)
        spec = self.eval(node.format_spec, scope) if node.format_spec is not None else ""
        try:
            return py.format_value(value, spec)
        except py.DataError as exc:
            raise self.fail(node, f"`{construct(node)}`: {exc}.") from None

    def _Lambda(self, node: ast.Lambda, scope: Scope) -> ScriptFunction:
        defaults = [self.eval(d, scope) for d in node.args.defaults]
        kw_defaults = [MISSING if d is None else self.eval(d, scope) for d in node.args.kw_defaults]
        return ScriptFunction(node, scope, defaults, kw_defaults)

    def _NamedExpr(self, node: ast.NamedExpr, scope: Scope) -> Any:
        value = self.eval(node.value, scope)
        self.assign(node.target, value, scope, node)
        return value

    def _Starred(self, node: ast.Starred, scope: Scope) -> Any:
        raise self.fail(node, f"`{construct(node)}` is not followed here.")

    # ------------------------------------------------------------------ calls

    def _Call(self, node: ast.Call, scope: Scope) -> Any:
        callee = self.eval(node.func, scope)
        where = self.where(node, node.args)
        skipped = self.skipped_call(callee, where)
        if skipped is not None:
            return skipped
        if isinstance(callee, Opaque):
            if callee.module:  # `np.load(...)`: data the running script computes
                return Opaque(node.lineno, construct(node))
            return callee.derived(node.lineno, construct(node))
        args = self.items(node.args, scope)
        kwargs: dict[str, Any] = {}
        for keyword in node.keywords:
            value = self.eval(keyword.value, scope)
            if keyword.arg is not None:
                kwargs[keyword.arg] = value
            elif isinstance(value, dict) and all(isinstance(k, str) for k in value):
                kwargs.update(value)
            elif isinstance(value, Opaque):
                return value.derived(node.lineno, construct(node))
            else:
                raise self.fail(keyword, f"`**{construct(keyword.value)}` is not a dict of names.")
        if self.reaches_keras(callee):
            self.refuse_opaque(node, args, kwargs)
        return self.call(callee, args, kwargs, where, node)

    def reaches_keras(self, callee: Any) -> bool:
        if isinstance(callee, Method):
            return isinstance(callee.owner, self.keras.layers.Layer)
        return isinstance(callee, KerasName | self.keras.Operation)

    def refuse_opaque(self, node: ast.Call, args: list, kwargs: dict) -> None:
        """A value only the running script knows must not reach Keras: name the argument."""
        texts = [construct(a) for a in node.args if not isinstance(a, ast.Starred)]
        given = list(zip(texts, args, strict=False)) if len(texts) == len(args) else []
        given += list(kwargs.items())
        for text, value in given:
            opaque = _first_opaque(value)
            if opaque is None:
                continue
            shown = "" if opaque.text == text else f"`{text}`: "
            raise self.fail(node, f"`{construct(node)}` needs {shown}{opaque.explain()}.")

    def skipped_call(self, callee: Any, where: Where) -> Any:
        """The result of a call that is read past without evaluating its arguments, or None."""
        keras_method = isinstance(callee, Method) and callee.name in SKIPPED_METHODS
        if keras_method and isinstance(callee.owner, self.keras.layers.Layer):
            return self.builder.call_method(callee, [], {}, where)
        if isinstance(callee, py.Builtin) and callee.name in py.SKIPPED:
            return Opaque(where.line, where.text)
        return None

    def call(self, callee: Any, args: list, kwargs: dict, where: Where, node: ast.AST) -> Any:
        raise NotImplementedError  # the interpreter calls functions
