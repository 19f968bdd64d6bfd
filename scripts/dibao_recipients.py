#!/usr/bin/python3
"""Who the dibao's recipient households are, December 2022 (docs/model.md 4.9, "Who the
recipients are"), from runs with every household in the household sample, such as the runs
docs/figures/validation.py keeps:

    /usr/bin/python3 docs/figures/validation.py build/release/prosim /tmp/fig --keep /tmp/val
    /usr/bin/python3 scripts/dibao_recipients.py /tmp/val/baseline_s*.h5

For each run: the recipient households (dibao received in December 2022, the sample's second
date: it holds every December from 2021), the share of them with earnings (wages, own-account
or farm income) and with a pension, and per member-month their income before assistance
(every source but dibao, less income tax and contributions), their other transfers (family
support among them) and their dibao; then the dibao per member-month of the recipient
households with earnings and of those without (the real recipients have almost no counted
income, docs/model.md 4.9).
"""
import sys

import h5py
import numpy as np

BEFORE = ["wages", "self_employment", "farm", "profits", "property", "pensions", "other_transfers"]


def main(files):
    for fn in files:
        with h5py.File(fn, "r") as f:
            g = f["household_sample"]
            t = 1  # December 2022
            size = g["size"][t].astype(float)
            rec = (g["dibao"][t] > 0) & (size > 0)
            earn = (g["wages"][t] + g["self_employment"][t] + g["farm"][t]) > 0
            pension = g["pensions"][t] > 0
            before = sum(g[s][t] for s in BEFORE) - g["income_tax"][t] - g["social_contributions"][t]
            per_member_month = lambda x: x[rec].sum() / 12 / size[rec].sum()  # noqa: E731 (values are month x 12)
            print(f"{fn}: {rec.sum()} recipient households, {np.mean(earn[rec]):.1%} with earnings, "
                  f"{np.mean(pension[rec]):.1%} with a pension; per member-month: income before assistance "
                  f"{per_member_month(before):.0f}, other transfers {per_member_month(g['other_transfers'][t]):.0f}, "
                  f"dibao {per_member_month(g['dibao'][t]):.0f} yuan")
            dibao = g["dibao"][t]
            split = [dibao[rec & e].sum() / 12 / size[rec & e].sum() for e in (earn, ~earn)]
            print(f"    dibao per member-month: with earnings {split[0]:.0f}, without {split[1]:.0f} yuan; "
                  f"share of the dibao paid to households without earnings {dibao[rec & ~earn].sum() / dibao[rec].sum():.0%}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
