"""Statements of a script, read in order as Python would run them, without running any.

Assignments, imports, `for` loops over known values, `if` on known conditions, `def` (a function
is inlined where it is called, with its arguments bound as Python binds them), `return`,
`with`, `try` (its body), `del`, `global`. A block that only the running script can decide (an
`if` on data, a loop over a dataset) is not read: the names it assigns become opaque, so they
stop the reader only if the model needs them. A class defined in the script is opaque too (its
methods are code). Reading stops at the first statement that would fail when run, like Python.
"""

from __future__ import annotations

import ast
import difflib
from typing import Any

from engine.io.pyscript import python_builtins as py
from engine.io.pyscript.diagnostics import NOT_RUN, Note, ScriptError, construct
from engine.io.pyscript.evaluator import Evaluator
from engine.io.pyscript.keras_calls import KerasBuilder, Where
from engine.io.pyscript.values import MISSING, KerasName, Method, Opaque, Scope, ScriptFunction
from engine.io.pyscript.vocabulary import UnknownName, canonical, is_keras_path, resolve

MAX_CALL_DEPTH = 60
_NOOP_DECORATORS = ("register_keras_serializable", "function")
_OUTSIDE_CALLS = {
    "system": "runs a shell command", "popen": "runs a shell command",
    "run": "runs a program", "call": "runs a program", "check_call": "runs a program",
    "check_output": "runs a program", "Popen": "runs a program", "remove": "deletes a file",
    "unlink": "deletes a file", "rmtree": "deletes files", "load": "reads a file",
}  # fmt: skip


class _Return(Exception):
    def __init__(self, value: Any) -> None:
        self.value = value


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class Interpreter(Evaluator):
    """Reads one script's statements (see the module docstring).

    Args:
        source: the script's text (for hints that quote it).
        builder: makes the Keras objects.
    """

    def __init__(self, source: str, builder: KerasBuilder) -> None:
        super().__init__(builder)
        self.lines = source.splitlines()
        self.module = Scope()
        self.module.names["__name__"] = "__main__"
        self.notes: dict[tuple[int, str], Note] = {}
        self.depth = 0
        self.star_imports: list[tuple[int, str]] = []  # foreign `from x import *`
        self.assigned_at: dict[str, list[int]] = {}

    def note(self, line: int, text: str) -> None:
        self.notes.setdefault((line, text), Note(line, text))

    # ------------------------------------------------------------------ the script

    def run(self, tree: ast.Module) -> None:
        """Read the whole script (raises ScriptError where it stops)."""
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                self.assigned_at.setdefault(node.id, []).append(node.lineno)
        self.block(tree.body, self.module)

    def block(self, statements: list[ast.stmt], scope: Scope) -> None:
        for statement in statements:
            self.tick(statement)
            handler = getattr(self, f"_{type(statement).__name__}", None)
            if handler is None:
                raise self.fail(
                    statement,
                    f"a {type(statement).__name__} statement is not followed by this reader.",
                )
            handler(statement, scope)

    # ------------------------------------------------------------------ names

    def lookup(self, node: ast.Name, scope: Scope) -> Any:
        found, value = scope.lookup(node.id)
        if found:
            return value
        item = py.builtin(node.id)
        if item is not None:
            return item
        if node.id == "keras":  # the seed uses keras.layers.concatenate without importing it
            self.note(node.lineno, "`keras` is used without `import keras`; read as Keras")
            self.module.names["keras"] = KerasName("keras", "module")
            return self.module.names["keras"]
        if self.star_imports:
            line, module = self.star_imports[-1]
            return Opaque(
                line,
                f"from {module} import *",
                "is a module this reader does not import",
                module=True,
            ).derived(node.lineno, node.id)
        raise self.fail(node, self.undefined(node, scope))

    def undefined(self, node: ast.Name, scope: Scope) -> str:
        """Python's NameError, with what the script most likely meant."""
        name, line = node.id, node.lineno
        message = f"`{name}` is not defined"
        later = [n for n in self.assigned_at.get(name, []) if n > line]
        if later:
            message += f" yet (line {later[0]} assigns it)"
        hints = []
        split = self.split_statement_hint(node)
        if split:
            hints.append(split)
        unused = self.unused_tensors(scope)
        if unused:
            hints.append("Tensors not used yet: " + ", ".join(f"`{n}`" for n in unused) + ".")
        else:
            names = [n for n in self.visible_names(scope) if not n.startswith("__")]
            close = difflib.get_close_matches(name, names, n=1)
            if close:
                hints.append(f"Did you mean `{close[0]}`?")
        return " ".join([message + ".", *hints])

    def split_statement_hint(self, node: ast.Name) -> str:
        """A line that starts with `(`: Python ended the previous statement at the line break."""
        text = self.lines[node.lineno - 1].lstrip() if node.lineno <= len(self.lines) else ""
        previous = self.lines[node.lineno - 2].rstrip() if node.lineno >= 2 else ""
        if text.startswith("(") and previous.endswith(")"):
            return (
                f"Line {node.lineno} starts with `(`: Python ends the statement of line "
                f"{node.lineno - 1} at its line break, so that call is not applied to "
                f"`{node.id}`; the two lines are two statements."
            )
        return ""

    def unused_tensors(self, scope: Scope) -> list[str]:
        consumed = self.builder.consumed
        return [
            name
            for name, value in self.visible_names(scope).items()
            if self.is_tensor(value) and id(value) not in consumed
        ]

    def visible_names(self, scope: Scope) -> dict[str, Any]:
        names: dict[str, Any] = {}
        current: Scope | None = scope
        while current is not None:
            for key, value in current.names.items():
                names.setdefault(key, value)
            current = current.parent
        return names

    def bind(self, name: str, value: Any, scope: Scope, node: ast.AST) -> None:
        scope.assign(name, value)
        if scope.is_module or name in scope.globals:
            for built in self.builder.models:
                if built.model is value:
                    built.top_level = True
                    if name not in built.names:
                        built.names.append(name)

    def assign(self, target: ast.expr, value: Any, scope: Scope, node: ast.AST) -> None:
        if isinstance(target, ast.Name):
            self.bind(target.id, value, scope, node)
        elif isinstance(target, ast.Tuple | ast.List):
            self.unpack(target, value, scope, node)
        elif isinstance(target, ast.Subscript):
            container = self.eval(target.value, scope)
            index = self.eval(target.slice, scope)
            if isinstance(container, Opaque):
                return
            if not isinstance(container, list | dict) or isinstance(index, Opaque):
                raise self.fail(node, f"assigning to `{construct(target)}` is not followed.")
            try:
                container[self.hashable(index, target.slice)] = value
            except (IndexError, TypeError) as exc:
                raise self.fail(node, f"`{construct(target)}` fails: {exc}.") from None
        elif isinstance(target, ast.Attribute):
            owner = self.eval(target.value, scope)
            if isinstance(owner, Opaque):
                return
            self.builder.set_attribute(owner, target.attr, value, self.where(target))
        elif isinstance(target, ast.Starred):
            raise self.fail(node, "a starred assignment target must be inside a tuple.")
        else:
            raise self.fail(node, f"assigning to `{construct(target)}` is not followed.")

    def unpack(self, target: ast.Tuple | ast.List, value: Any, scope: Scope, node: ast.AST) -> None:
        if isinstance(value, Opaque):
            for element in target.elts:
                inner = element.value if isinstance(element, ast.Starred) else element
                self.assign(inner, value.derived(node.lineno, construct(inner)), scope, node)
            return
        if self.is_tensor(value):
            raise self.fail(
                node,
                f"`{construct(target)}` unpacks a single tensor: the call "
                "returns one tensor, not several.",
            )
        items = self.iterate(value, node)
        starred = [i for i, e in enumerate(target.elts) if isinstance(e, ast.Starred)]
        count = len(target.elts)
        if (not starred and len(items) != count) or (starred and len(items) < count - 1):
            raise self.fail(
                node, f"`{construct(target)}` unpacks {count} values from {len(items)}."
            )
        if starred:
            star = starred[0]
            tail = count - star - 1
            items = [*items[:star], items[star : len(items) - tail], *items[len(items) - tail :]]
        for element, item in zip(target.elts, items, strict=True):
            inner = element.value if isinstance(element, ast.Starred) else element
            self.assign(inner, item, scope, node)

    # ------------------------------------------------------------------ simple statements

    def _Expr(self, node: ast.Expr, scope: Scope) -> None:
        if isinstance(node.value, ast.Constant):  # a docstring
            return
        value = self.eval(node.value, scope)
        if isinstance(value, Opaque) and isinstance(node.value, ast.Call):
            self.note_outside(node.value, value)

    def note_outside(self, call: ast.Call, value: Opaque) -> None:
        """Report a call read past (`np.load(...)`, `os.system(...)`), once."""
        if value.noted or (isinstance(call.func, ast.Name) and call.func.id in py.SKIPPED):
            return
        what = "runs"
        if isinstance(call.func, ast.Attribute):
            what = _OUTSIDE_CALLS.get(call.func.attr, what)
        self.note(call.lineno, f"`{construct(call)}` {what} when the script runs; never run here")

    def _Assign(self, node: ast.Assign, scope: Scope) -> None:
        value = self.eval(node.value, scope)
        if isinstance(value, Opaque) and isinstance(node.value, ast.Call) and scope.is_module:
            self.note_outside(node.value, value)
        for target in node.targets:
            self.assign(target, value, scope, node)

    def _AnnAssign(self, node: ast.AnnAssign, scope: Scope) -> None:
        if node.value is not None:
            self.assign(node.target, self.eval(node.value, scope), scope, node)

    def _AugAssign(self, node: ast.AugAssign, scope: Scope) -> None:
        load = ast.fix_missing_locations(ast.copy_location(_as_load(node.target), node.target))
        current = self.eval(load, scope)
        value = self.eval(node.value, scope)
        symbol = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
                  ast.Mod: "%", ast.Pow: "**", ast.MatMult: "@", ast.LShift: "<<",
                  ast.RShift: ">>", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^"}  # fmt: skip
        if isinstance(current, list) and isinstance(node.op, ast.Add) and isinstance(value, list):
            current.extend(value)  # `+=` on a list extends it in place
            return
        result = self.binary(symbol[type(node.op)], current, value, node)
        self.assign(node.target, result, scope, node)

    def _Pass(self, node: ast.Pass, scope: Scope) -> None:
        return

    def _Break(self, node: ast.Break, scope: Scope) -> None:
        raise _Break()

    def _Continue(self, node: ast.Continue, scope: Scope) -> None:
        raise _Continue()

    def _Return(self, node: ast.Return, scope: Scope) -> None:
        raise _Return(None if node.value is None else self.eval(node.value, scope))

    def _Global(self, node: ast.Global, scope: Scope) -> None:
        scope.globals.update(node.names)

    _Nonlocal = _Global

    def _Delete(self, node: ast.Delete, scope: Scope) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name):
                scope.delete(target.id)

    def _Assert(self, node: ast.Assert, scope: Scope) -> None:
        test = self.eval(node.test, scope)
        if isinstance(test, Opaque):
            return
        if not self.truth(test, node.test):
            raise self.fail(node, f"the script's `assert {construct(node.test)}` fails here.")

    def _Raise(self, node: ast.Raise, scope: Scope) -> None:
        raise self.fail(node, f"the script raises `{construct(node.exc)}` here, so it stops.")

    # ------------------------------------------------------------------ blocks

    def _If(self, node: ast.If, scope: Scope) -> None:
        test = self.eval(node.test, scope)
        if isinstance(test, Opaque):
            self.unread(node.body + node.orelse, scope, node, test)
            return
        self.block(node.body if self.truth(test, node.test) else node.orelse, scope)

    def _For(self, node: ast.For, scope: Scope) -> None:
        iterable = self.eval(node.iter, scope)
        if isinstance(iterable, Opaque):
            self.unread(node.body + node.orelse, scope, node, iterable)
            return
        for item in self.iterate(iterable, node.iter):
            self.assign(node.target, item, scope, node)
            try:
                self.block(node.body, scope)
            except _Break:
                return
            except _Continue:
                continue
        self.block(node.orelse, scope)

    def _While(self, node: ast.While, scope: Scope) -> None:
        while True:
            test = self.eval(node.test, scope)
            if isinstance(test, Opaque):
                self.unread(node.body + node.orelse, scope, node, test)
                return
            if not self.truth(test, node.test):
                break
            try:
                self.block(node.body, scope)
            except _Break:
                return
            except _Continue:
                continue
        self.block(node.orelse, scope)

    def unread(self, body: list[ast.stmt], scope: Scope, node: ast.stmt, cause: Opaque) -> None:
        """A block only the running script can decide: what it assigns becomes opaque."""
        head = construct(getattr(node, "test", None) or getattr(node, "iter", None))
        self.note(node.lineno, f"the block of `{head}` is decided when the script runs; not read")
        touched: set[str] = set()
        for child in (n for statement in body for n in ast.walk(statement)):
            if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                touched.add(child.id)
            elif (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and isinstance(child.func.value, ast.Name)
            ):  # `model.add(...)` changes `model`
                touched.add(child.func.value.id)
        reason = f"depends on the block of `{head}` (line {node.lineno}), which {cause.reason}"
        for name in touched:
            scope.assign(name, Opaque(node.lineno, name, reason))

    def _With(self, node: ast.With, scope: Scope) -> None:
        for item in node.items:
            context = self.eval(item.context_expr, scope)
            if item.optional_vars is not None:
                value = Opaque(node.lineno, construct(item.context_expr))
                self.assign(item.optional_vars, value, scope, node)
            if not isinstance(context, KerasName) or context.kind != "module":
                self.note(
                    node.lineno,
                    f"`with {construct(item.context_expr)}` is not entered here; its block is read",
                )
        self.block(node.body, scope)

    def _Try(self, node: ast.Try, scope: Scope) -> None:
        if node.handlers:
            self.note(node.lineno, "the `except` blocks run only if the script fails; not read")
        try:
            self.block(node.body, scope)
            self.block(node.orelse, scope)
        finally:
            self.block(node.finalbody, scope)

    _TryStar = _Try

    def _Import(self, node: ast.Import, scope: Scope) -> None:
        for alias in node.names:
            path = canonical(alias.name)
            if alias.asname is None:
                top = alias.name.split(".")[0]
                self.bind(top, self.module_value(canonical(top), top, node), scope, node)
            else:
                self.bind(alias.asname, self.module_value(path, alias.name, node), scope, node)

    def module_value(self, path: str, written: str, node: ast.stmt) -> Any:
        if path == "tensorflow":
            return KerasName("tensorflow", "module")
        if is_keras_path(path):
            return self.resolve_or_fail(path, node)
        return Opaque(node.lineno, written, "is a module this reader does not import", module=True)

    def resolve_or_fail(self, path: str, node: ast.AST) -> Any:
        try:
            found = resolve(path)
        except UnknownName as exc:
            raise self.fail(node, f"{exc}.") from None
        return found if found is not None else Opaque(node.lineno, path)

    def _ImportFrom(self, node: ast.ImportFrom, scope: Scope) -> None:
        module = "." * node.level + (node.module or "")
        for alias in node.names:
            if alias.name == "*":
                self.star_import(module, node, scope)
                continue
            name = alias.asname or alias.name
            path = canonical(f"{module}.{alias.name}") if not node.level else ""
            if module in ("tensorflow", "tf") and alias.name == "keras":
                value: Any = KerasName("keras", "module")
            elif path and is_keras_path(path):
                value = self.resolve_or_fail(path, node)
            else:
                value = Opaque(
                    node.lineno,
                    f"{module}.{alias.name}",
                    "comes from a module this reader does not import",
                    module=True,
                )
            self.bind(name, value, scope, node)

    def star_import(self, module: str, node: ast.ImportFrom, scope: Scope) -> None:
        path = canonical(module)
        found = resolve(path) if is_keras_path(path) else None
        if not isinstance(found, KerasName) or found.kind != "module":
            self.star_imports.append((node.lineno, module))
            return
        import importlib

        real = importlib.import_module(path) if path.startswith("keras.src") else None
        owner = real or __import__("keras")
        for part in path.split(".")[1:] if real is None else []:
            owner = getattr(owner, part)
        for public in (n for n in dir(owner) if not n.startswith("_")):
            try:
                value = resolve(f"{path}.{public}")
            except UnknownName:
                continue
            if value is not None:
                scope.assign(public, value)

    def _ClassDef(self, node: ast.ClassDef, scope: Scope) -> None:
        self.note(
            node.lineno,
            f"class `{node.name}` is Python code that runs only when the script runs; not read",
        )
        scope.assign(
            node.name,
            Opaque(
                node.lineno,
                f"class {node.name}",
                "is a class whose methods run only when the script runs",
            ),
        )

    def _FunctionDef(self, node: ast.FunctionDef, scope: Scope) -> None:
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if name not in _NOOP_DECORATORS:
                scope.assign(
                    node.name,
                    Opaque(
                        node.lineno,
                        f"@{construct(decorator)}",
                        "changes the function when the script runs",
                    ),
                )
                return
        defaults = [self.eval(d, scope) for d in node.args.defaults]
        kw_defaults = [MISSING if d is None else self.eval(d, scope) for d in node.args.kw_defaults]
        self.bind(node.name, ScriptFunction(node, scope, defaults, kw_defaults), scope, node)

    def _AsyncFunctionDef(self, node: ast.AsyncFunctionDef, scope: Scope) -> None:
        scope.assign(node.name, Opaque(node.lineno, f"async def {node.name}"))

    # ------------------------------------------------------------------ calls

    def call(self, callee: Any, args: list, kwargs: dict, where: Where, node: ast.AST) -> Any:
        if isinstance(callee, KerasName):
            return self.builder.call_name(callee, args, kwargs, where)
        if isinstance(callee, ScriptFunction):
            return self.call_function(callee, args, kwargs, where)
        if isinstance(callee, Method):
            if isinstance(callee.owner, self.keras.layers.Layer):
                return self.builder.call_method(callee, args, kwargs, where)
            try:
                return py.call_data_method(callee.owner, callee.name, args, kwargs)
            except py.DataError as exc:
                raise self.fail(node, f"`{where.text}`: {exc}.") from None
        if isinstance(callee, py.Builtin):
            return self.call_builtin(callee, args, kwargs, where, node)
        if isinstance(callee, self.keras.Operation):
            return self.builder.call_object(callee, args, kwargs, where)
        raise self.fail(node, f"`{where.text}`: a {type(callee).__name__} is not callable.")

    def call_builtin(
        self, item: py.Builtin, args: list, kwargs: dict, where: Where, node: ast.AST
    ) -> Any:
        if item.outside:
            self.note(
                where.line, f"`{where.text}` {item.outside} when the script runs; never run here"
            )
            return Opaque(
                where.line, where.text, f"{item.outside} when the script runs", noted=True
            )
        for value in [*args, *kwargs.values()]:
            if isinstance(value, Opaque):
                return value.derived(where.line, where.text)

        def call_back(function: Any, values: list) -> Any:
            return self.call(function, values, {}, where, node)

        try:
            return py.call_builtin(item, args, kwargs, call_back)
        except py.DataError as exc:
            raise self.fail(node, f"`{where.text}`: {exc}.") from None

    def call_function(
        self, function: ScriptFunction, args: list, kwargs: dict, where: Where
    ) -> Any:
        """Inline the script's function: bind its parameters and read its body."""
        if self.depth >= MAX_CALL_DEPTH:
            raise ScriptError(
                where.line,
                f"`{where.text}` calls functions more than "
                f"{MAX_CALL_DEPTH} deep; this reader stops here.",
            )
        scope = Scope(function.scope)
        self.bind_parameters(function, args, kwargs, scope, where)
        self.depth += 1
        try:
            if isinstance(function.node, ast.Lambda):
                return self.eval(function.node.body, scope)
            self.block(function.node.body, scope)
        except _Return as returned:
            return returned.value
        finally:
            self.depth -= 1
        return None

    def bind_parameters(
        self, function: ScriptFunction, args: list, kwargs: dict, scope: Scope, where: Where
    ) -> None:
        spec = function.node.args
        positional = [*spec.posonlyargs, *spec.args]
        kwargs = dict(kwargs)
        if len(args) > len(positional) and spec.vararg is None:
            raise ScriptError(
                where.line,
                f"`{where.text}` passes {len(args)} positional "
                f"arguments; `{function.name}` takes {len(positional)}.",
            )
        first_default = len(positional) - len(function.defaults)
        for index, parameter in enumerate(positional):
            if index < len(args):
                if parameter.arg in kwargs:
                    raise ScriptError(where.line, f"`{where.text}` passes `{parameter.arg}` twice.")
                value = args[index]
            elif parameter.arg in kwargs and parameter not in spec.posonlyargs:
                value = kwargs.pop(parameter.arg)
            elif index >= first_default:
                value = function.defaults[index - first_default]
            else:
                raise ScriptError(
                    where.line,
                    f"`{where.text}` misses the argument `{parameter.arg}` of `{function.name}`.",
                )
            scope.names[parameter.arg] = value
        if spec.vararg is not None:
            scope.names[spec.vararg.arg] = tuple(args[len(positional) :])
        for parameter, default in zip(spec.kwonlyargs, function.kw_defaults, strict=True):
            if parameter.arg in kwargs:
                scope.names[parameter.arg] = kwargs.pop(parameter.arg)
            elif default is not MISSING:
                scope.names[parameter.arg] = default
            else:
                raise ScriptError(
                    where.line,
                    f"`{where.text}` misses the argument `{parameter.arg}` of `{function.name}`.",
                )
        if spec.kwarg is not None:
            scope.names[spec.kwarg.arg] = kwargs
        elif kwargs:
            raise ScriptError(
                where.line,
                f"`{where.text}`: `{function.name}` takes no argument `{next(iter(kwargs))}`.",
            )


def _as_load(target: ast.expr) -> ast.expr:
    """The expression reading what an augmented assignment writes (`x` of `x += 1`)."""
    if isinstance(target, ast.Name):
        return ast.Name(target.id, ast.Load())
    if isinstance(target, ast.Attribute):
        return ast.Attribute(target.value, target.attr, ast.Load())
    if isinstance(target, ast.Subscript):
        return ast.Subscript(target.value, target.slice, ast.Load())
    return target


__all__ = ["NOT_RUN", "Interpreter"]
