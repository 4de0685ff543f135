"""Deck size: does build time grow linearly with the number of slides?

    python bench/deck_size.py [SLIDES]      # default 1000; also builds twice as many

Builds an outline of SLIDES slides of text and KPI cards in ten sections on the monthly sample's data, then
one of twice as many, and prints the ratio of their times (linear: 2.0). ``--profile`` prints where the larger build spends
its time instead.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "samples" / "monthly-report" / "data"
SECTIONS = 10  # fixed, so the deck's content (not the agenda on every divider) grows with the slide count


def outline_text(slides: int) -> str:
    """A monthly outline with about ``slides`` slides in ten sections: bullets and KPI cards in turn."""
    lines = ["deck:", "  title: 大型简报", "  kind: monthly", "  locale: zh-CN", "  period: {current: 2025-11}",
             "data:", f"  daily: {DATA / 'shop_daily.csv'}", "review:"]
    for section in range(SECTIONS):
        lines += [f"  - section: 第 {section + 1} 部分", "    slides:"]
        for index in range(max(1, slides // SECTIONS - 1)):
            if index % 2:
                lines += [f"      - title: 核心指标 {section}-{index}：销售额 {{{{ gmv }}}}",
                          "        kpis: [gmv, uv, buyers, cvr, aov, orders]"]
            else:
                lines += [f"      - title: 要点 {section}-{index}", "        bullets:",
                          "          - 销售额 {{ gmv }}，环比 {{ gmv.mom }}，同比 {{ gmv.yoy }}",
                          "          - 访客数 {{ uv }}，转化率 {{ cvr }}，客单价 {{ aov }}",
                          "          - 大促期间加投推广，付费流量占比提升"]
        lines.append("    conclusion: 销售额 {{ gmv }}，{{ gmv.mom.phrase }}。")
    return "\n".join(lines) + "\n"


def build_seconds(slides: int, folder: Path) -> tuple[float, int]:
    """CPU seconds of one build (no charts: it runs in this process alone), which, unlike the wall clock,
    does not grow when other programs share the cores."""
    from deckgen.pipeline import build

    outline = folder / f"deck{slides}.yaml"
    outline.write_text(outline_text(slides), encoding="utf-8")
    start = time.process_time()
    result = build(outline, folder / f"deck{slides}.pptx")
    return time.process_time() - start, result.slides


def main() -> None:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    slides = int(args[0]) if args else 1000
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        build_seconds(20, folder)  # imports and the sample's table read once, outside the timings
        if "--profile" in sys.argv:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.runcall(build_seconds, 2 * slides, folder)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
            return
        small, small_count = build_seconds(slides, folder)
        large, large_count = build_seconds(2 * slides, folder)
    print(f"{small_count} slides: {small:6.2f} s CPU")
    print(f"{large_count} slides: {large:6.2f} s CPU   ratio {large / small:.2f} (linear: 2.0, goal <= 2.1)")


if __name__ == "__main__":
    main()
