"""Write the data of the annual review in English into ./data (or FOLDER).

The model, its locale and options are listed in configs/starters/samples.yaml; docs/dev/starters.md
describes the sample-data engine. Deterministic: a second run writes byte-identical files.
See data/README.md for the columns and the rules the numbers follow.

    .venv/bin/python samples/annual-review-en/generate_data.py [FOLDER]
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, when deckgen is not installed
    from deckgen.starters.engine import sample_script

    print(f"wrote {sample_script(__file__, sys.argv[1:])}")
