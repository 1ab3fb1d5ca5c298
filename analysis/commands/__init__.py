"""The command line's commands, one module each (``python -m analysis <command>``).

They sit above the stages: a command wires stages together (load, compute, render, write) and
may import any of them, while no stage imports a command. :mod:`analysis.cli` dispatches.
"""
