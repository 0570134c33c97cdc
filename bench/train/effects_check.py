"""The paper's story, checked on a demo sweep's report.json (bench/train/effects.sh).

Prints each target of issue 14 as 'holds' or 'does NOT hold' with its numbers, and draws
the learning curve (mean accuracy per model over the split sizes, ± std) as an SVG.
usage: effects_check.py REPORT_JSON SVG_OUT
"""
import json
import sys

TEACHERS = ["demo-frozen", "demo-trained"]
MODELS = TEACHERS + ["ensemble", "student", "student-nokd"]
COLOURS = {"demo-frozen": "#8c8c8c", "demo-trained": "#1f77b4", "ensemble": "#2ca02c",
           "student": "#d62728", "student-nokd": "#ff7f0e"}


def load(path):
    report = json.load(open(path))
    table = {}
    for row in report["rows"]:
        for percent, stats in row["by_percent"].items():
            table[(row["model"], float(percent))] = stats
    return report, table


def check(name, ok, detail):
    print(f"{'holds        ' if ok else 'does NOT hold'}  {name}: {detail}")
    return ok


def story(report, table):
    pct = lambda m, p: 100 * table[(m, p)]["mean"]
    sizes = [p for p in report["percents"] if all((m, p) in table for m in MODELS)]
    print(f"\n{report['cells_done']} of {report['cells_total']} cells done; "
          f"sizes with every model: {', '.join(f'{p:g} %' for p in sizes) or 'none'}")
    results = []
    if 5.0 in sizes:
        f, t, e, s, n = (pct(m, 5.0) for m in MODELS)
        results += [
            check("5 %: trained teacher > frozen teacher", t > f, f"{t:.1f} vs {f:.1f}"),
            check("5 %: ensemble >= best single teacher", e >= max(f, t), f"{e:.1f} vs {max(f, t):.1f}"),
            check("5 %: student with KD beats without KD by >= 3 points", s - n >= 3, f"{s:.1f} - {n:.1f} = {s - n:+.1f}"),
            check("5 %: best model >= 60 %", max(f, t, e, s, n) >= 60, f"{max(f, t, e, s, n):.1f}"),
        ]
    for p in sizes:
        best = max(pct(m, p) for m in TEACHERS + ["ensemble"])
        s, n = pct("student", p), pct("student-nokd", p)
        results.append(check(f"{p:g} %: teachers/ensemble >= KD student >= no-KD student", best >= s >= n,
                             f"{best:.1f} >= {s:.1f} >= {n:.1f}"))
        worse = [m for m in MODELS if table[(m, p)]["unseen"] >= table[(m, p)]["seen"]]
        results.append(check(f"{p:g} %: every model lower on unseen devices than on seen ones", not worse,
                             "all lower" if not worse else "not for " + ", ".join(worse)))
    for m in MODELS:
        curve = [pct(m, p) for p in sizes]
        if len(curve) > 1:
            rising = all(b > a for a, b in zip(curve, curve[1:]))
            results.append(check(f"{m}: accuracy rises with the split size", rising,
                                 " < ".join(f"{v:.2f}" for v in curve)))
    if 100.0 in sizes:
        top = max(pct(m, 100.0) for m in MODELS)
        results.append(check("100 %: no model above 90 % (a real task)", top <= 90, f"best {top:.1f}"))
    print(f"{sum(results)} of {len(results)} checks hold")


def svg(report, table, path):
    sizes = report["percents"]
    width, height, left, right, top, bottom = 640, 400, 60, 150, 20, 50
    xs = {p: left + i * (width - left - right) / max(1, len(sizes) - 1) for i, p in enumerate(sizes)}
    values = [100 * s["mean"] for s in table.values()] or [0, 100]
    lo, hi = max(0, min(values) - 5) // 10 * 10, min(100, max(values) + 10) // 10 * 10
    y = lambda v: top + (hi - v) / (hi - lo) * (height - top - bottom)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>']
    for v in range(int(lo), int(hi) + 1, 10):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 8}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>')
    for p, x in xs.items():
        parts.append(f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">{p:g} %</text>')
    parts.append(f'<text x="{(left + width - right) / 2}" y="{height - 10}" text-anchor="middle">labelled training data (split)</text>')
    parts.append(f'<text x="15" y="{(top + height - bottom) / 2}" transform="rotate(-90 15 {(top + height - bottom) / 2})" text-anchor="middle">test accuracy (%)</text>')
    for i, m in enumerate(MODELS):
        points = [(xs[p], 100 * table[(m, p)]["mean"], 100 * table[(m, p)]["std"]) for p in sizes if (m, p) in table]
        if not points:
            continue
        c = COLOURS[m]
        parts.append(f'<polyline fill="none" stroke="{c}" stroke-width="2" points="' +
                     " ".join(f"{x:.1f},{y(v):.1f}" for x, v, _ in points) + '"/>')
        for x, v, s in points:
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y(v - s):.1f}" y2="{y(v + s):.1f}" stroke="{c}"/>'
                         f'<circle cx="{x:.1f}" cy="{y(v):.1f}" r="3" fill="{c}"/>')
        ly = top + 10 + 18 * i
        parts.append(f'<line x1="{width - right + 15}" x2="{width - right + 35}" y1="{ly}" y2="{ly}" stroke="{c}" stroke-width="2"/>'
                     f'<text x="{width - right + 40}" y="{ly + 4}">{m}</text>')
    parts.append("</svg>")
    open(path, "w").write("\n".join(parts) + "\n")
    print(f"learning curve written to {path}")


if __name__ == "__main__":
    report, table = load(sys.argv[1])
    story(report, table)
    svg(report, table, sys.argv[2])
