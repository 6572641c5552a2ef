# Russian as written in Kazakhstan uses the same formats as Kazakh: dd.mm.yyyy, decimal comma,
# a space between thousands.
from aimaq.formats.kk.formats import *  # noqa: F403
