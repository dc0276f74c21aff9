"""``python -m evidence``: the same command line as the ``evidence`` script.

The command line lives in ``cli.py`` beside the package (the library never imports click);
it is looked up at run time so that importing ``evidence`` never loads the presentation layer.
"""

import importlib

importlib.import_module("cli").main()
