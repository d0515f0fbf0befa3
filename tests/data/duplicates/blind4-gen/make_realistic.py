import sys; sys.path.insert(0, "/work/blind4/gen")
from common import write_set, COLS
from realistic_data import TEAMS, A, PAIRS
acts = [dict(zip(COLS, r)) for r in A]
print(write_set("/work/blind4/realistic", acts, PAIRS, TEAMS))
