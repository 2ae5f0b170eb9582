"""The diagram: where nodes sit and how they are grouped on screen.

Editor state only, kept beside the graph and keyed by node id; nothing here changes the model
or what it exports.
"""
