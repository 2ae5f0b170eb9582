"""The training panel: settings form, worker process, live curves and the runs of a project.

`TrainingPanel` (panel.py) is the dock's widget; `TrainingProcess` (process.py) runs the
engine's worker in a QProcess; `CurvesView` (curves.py) draws the live curves; `runs.py` keeps
each run in the project.
"""
