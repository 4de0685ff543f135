"""Write the data of the batch sample (one deck per shop) into ./data (or FOLDER).

The model, its locale and options are listed in configs/starters/samples.yaml; docs/dev/starters.md
describes the sample-data engine. Deterministic: a second run writes byte-identical files.

    .venv/bin/python samples/shops-batch/generate_data.py [SHOPS] [FOLDER]

SHOPS (default 6) shops; the benchmark writes 200 into a temporary folder with the same model.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, when deckgen is not installed
    from deckgen.starters.engine import sample_script

    print(f"wrote {sample_script(__file__, sys.argv[1:])}")
