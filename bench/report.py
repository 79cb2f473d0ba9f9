"""The bench's Markdown table and PNG charts (matplotlib, Agg: no display needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.relay import relay_table
from bench.wall import wall_table


def _f(value: Any, digits: int = 2, unit: str = "") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def _target(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def markdown(r: dict[str, Any], stem: str) -> str:
    m = r["machine"]
    lines = [f"# videowall bench {stem}", "",
             f"{m['cpus']} CPUs, load average at start {m['load_at_start']}; warm-up {r['settings']['warmup_s']} s, "
             f"window {r['settings']['window_s']} s. Cores = CPU seconds per wall second (1.00 = one full core)."]
    if r.get("cpu"):
        lines += cpu_table(r["cpu"])
    cap = r.get("capacity")
    if cap:
        lines += ["", "## 3. Capacity (sub streams, full rate = median tile fps >= 24 and < 1 % lost; reduced: "
                      "tiles too small for every picture, target >= 12 fps each and UI loop lag p99 <= 50 ms)", "",
                  "| tiles | full rate | reduced tiles | reduced target | fps median | fps min "
                  "| lost % (full-rate tiles) | loop lag p99 ms | app cores | live tiles |", "|" + "---|" * 10]
        for tiles, v in sorted(cap["tried"].items(), key=lambda kv: int(kv[0])):
            reduced = v.get("reduced_ok")
            lines.append(f"| {tiles} | {'yes' if v['full_rate'] else 'no'} | {v.get('reduced_tiles', 0)} | "
                         f"{'-' if reduced is None else _target(reduced)} | {_f(v['fps_median'], 1)} | "
                         f"{_f(v['fps_min'], 1)} | {_f(v['lost_pct'])} | {_f(v.get('loop_lag_p99_ms'), 0)} | "
                         f"{_f(v['cores'])} | {v['live_tiles']} |")
        lines += ["", f"Largest grid at full rate: **{cap['largest_full_rate']}** tiles "
                      f"(target >= 25: {_target(cap['largest_full_rate'] >= 25)})."]
    ff = r.get("first_frame")
    if ff:
        lines += first_frame_table(ff)
    bn = r.get("bad_news")
    if bn:
        lines += bad_news_table(bn)
    if r.get("latency"):
        lines += latency_table(r["latency"])
    if r.get("profile"):
        lines += profile_table(r["profile"])
    if r.get("relay"):
        lines += relay_table(r["relay"])
    if r.get("wall"):
        lines += wall_table(r["wall"])
    q = r.get("quarantine")
    if q:
        lines += ["", *quarantine_table(q)]
    c = r.get("city")
    if c:
        sw, st, se = c["sweep"], c["startup"], c["search"]
        lines += ["", "## 4. City scale", "", "| figure | value | reference | ratio | target |",
                  "|---|---|---|---|---|"]
        if "error" not in sw:
            lines.append(f"| sweep of {sw['endpoints']} endpoints | {_f(sw['sweep_s'])} s | sequential ffprobe "
                         f"{_f(sw['ffprobe_extrapolated_s'], 0)} s (extrapolated from {sw['ffprobe_sample']}) | "
                         f"{_f(sw['ratio_vs_ffprobe'], 4)} | <= 15 s: {_target(sw['sweep_s'] <= 15)} |")
        else:
            lines.append(f"| sweep | {sw['error']} | | | |")
        if "error" not in st:
            paint = st["first_paint_median_s"]
            lines.append(f"| start-up, {st['cameras']} cameras (first paint, median of {st['runs']}) | "
                         f"{_f(paint)} s | first status write {_f(st['first_status_median_s'])} s"
                         f" | | <= 1.5 s: {_target(paint <= 1.5 if paint else None)} |")
        else:
            lines.append(f"| start-up | {st['error']} | | | |")
        if "error" not in se:
            lines.append(f"| search over {se['cameras']} (median / p95 per keystroke) | {_f(se['median_ms'])} / "
                         f"{_f(se['p95_ms'])} ms | index build {_f(se['index_ms'], 0)} ms | | <= 30 ms: "
                         f"{_target(se['p95_ms'] <= 30)} |")
        else:
            lines.append(f"| search | {se['error']} | | | |")
    lines += ["", f"Elapsed {r.get('elapsed_s')} s.", ""]
    return "\n".join(lines)


def cpu_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["", "## 1. Wall CPU (app = videowall process + its ffmpeg ingests)", "",
             "| tiles | tile px | app cores | decode | decode+scale+BGRA | VLC players | gridplayer | app/dec | "
             "app/dec+scale (<=1.0) | app/VLC (<=0.7) | fps med/min | shown fps/tile | lost % | app RSS MiB | "
             "tree RSS MiB | load |",
             "|" + "---|" * 16]
    for row in rows:
        a = row["app"]
        gp = row.get("gridplayer") or {}
        gp_text = _f(gp.get("cores")) if gp.get("status") == "ok" else (gp.get("status") or "not run")
        lines.append(
            f"| {row['config']} | {'x'.join(map(str, row['tile_size']))} | {_f(a['cores'])} | "
            f"{_f(row['decode']['cores'])} | {_f(row['decode_scale_bgra']['cores'])} | {_f(row['vlc']['cores'])} "
            f"| {gp_text} | {_f(row['ratio_vs_decode'])} | {_f(row['ratio_vs_decode_scale'])} | "
            f"{_f(row['ratio_vs_vlc'])} | {_f(a['fps_median'], 1)}/{_f(a['fps_min'], 1)} | "
            f"{_f(a['displayed_fps_per_tile'], 1)} | {_f(a['lost_pct'])} | {_f(a['rss_app_mb'], 0)} | "
            f"{_f(a['rss_tree_mb'], 0)} | {_f(row['load_before'], 1)} |")
    return lines


def quarantine_table(q: dict[str, Any]) -> list[str]:
    """Section 5: scene change to blank tile, with the 3 s target."""
    ok = q["max_s"] <= q["target_s"] if q["max_s"] is not None else None
    return ["## 5. Scene change to blank tile (SIM-FAULT-SCENE, 25 fps)", "",
            "| switches timed | median s | max s | target | one scene check (median / p95) | checks on 16 tiles |",
            "|---|---|---|---|---|---|",
            f"| {q['samples']} of {len(q['rounds'])} | {_f(q['median_s'])} | {_f(q['max_s'])} | "
            f"max <= {_f(q['target_s'], 1)} s: {_target(ok)} | {_f(q['check']['median_ms'])} / "
            f"{_f(q['check']['p95_ms'])} ms | {_f(q['check']['cores_16_cameras'], 3)} cores |",
            "", "From the change seen by an independent ffmpeg reader to the tile's own state change (it "
                "paints nothing from then on); one fresh app per switch; a check is 2 per second per live tile.", ""]


def charts(r: dict[str, Any], out: Path, stem: str) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = r.get("cpu", [])
    if not rows:
        return []
    names = [row["config"] for row in rows]
    series = {"app": [row["app"]["cores"] for row in rows],
              "ffmpeg decode": [row["decode"]["cores"] for row in rows],
              "decode+scale+BGRA": [row["decode_scale_bgra"]["cores"] for row in rows],
              "VLC players": [row["vlc"]["cores"] for row in rows]}
    fig, ax = plt.subplots(figsize=(9, 4.5))
    width = 0.8 / len(series)
    for i, (label, values) in enumerate(series.items()):
        ax.bar([x + i * width for x in range(len(names))], [v or 0 for v in values], width, label=label)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(names))], names)
    ax.set_ylabel("cores (CPU s per s)")
    ax.set_title("Wall CPU against the physical limit and VLC")
    ax.axhline(r["machine"]["cpus"] or 2, color="grey", linestyle=":", linewidth=1)
    ax.legend()
    fig.tight_layout()
    path = out / f"{stem}-cpu.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return [path]


def first_frame_table(ff: dict[str, Any]) -> list[str]:
    a, f, w, mem = ff["app"], ff["ffmpeg"], ff.get("warm") or {}, ff.get("memory") or {}
    ratio = ff["ratio_median"]
    lines = ["", "## 2. Time to first picture, 16-tile wall (issue 16)", "",
             "| what | samples | median s | p95 s | max s |", "|---|---|---|---|---|",
             f"| app, cold (16 cameras not connected) | {a['samples']} | {_f(a['median_s'])} | {_f(a['p95_s'])} | "
             f"{_f(a['max_s'])} |",
             f"| minimal client (ffmpeg, no probing, 16 at once) | {f['samples']} | {_f(f['median_s'])} | "
             f"{_f(f['p95_s'])} | {_f(f['max_s'])} |"]
    if w:
        lines.append(f"| app, warm (16 cameras shown within 30 s) | {w['samples']} | {_f(w['median_s'])} | "
                     f"{_f(w['p95_s'])} | {_f(w['max_s'])} |")
    cold_ok = a["median_s"] is not None and a["median_s"] <= 1.0 and (a["p95_s"] or 99) <= 1.5
    lines += ["", f"Ratio cold/minimal client (median): {_f(ratio)} (target <= 1.2: "
                  f"{_target(ratio <= 1.2 if ratio is not None else None)}); cold median <= 1.0 s and p95 <= 1.5 s: "
                  f"{_target(cold_ok if a['median_s'] is not None else None)}; warm median <= 0.3 s: "
                  f"{_target(w['median_s'] <= 0.3 if w.get('median_s') is not None else None)}."]
    if mem:
        lines += [f"Memory with {mem['tiles']} live tiles: process tree PSS {_f(mem['pss_tree_mb'], 0)} MiB "
                  f"({mem['processes']} processes; app {_f(mem['pss_app_mb'], 0)} MiB), "
                  f"{_f(mem['pss_per_tile_mb'], 1)} MiB per tile; target <= 600 MiB: "
                  f"{_target(mem['pss_tree_mb'] <= 600)}."]
    return lines


def bad_news_table(bn: dict[str, Any]) -> list[str]:
    lines = ["", "## 2b. Bad news: a stream that cannot play says why (issue 16)", "",
             "| case | measured from | samples | median s | max s | reason on the tile | target |",
             "|---|---|---|---|---|---|---|"]
    for cid, c in bn["cases"].items():
        limit = (f"<= {bn['socket_timeout_s'] + bn['target_s']:.0f} s (socket timeout + 1 s)" if cid == "BAD-SILENT"
                 else f"<= {bn['target_s']:.0f} s")
        lines.append(f"| {cid} | {c['from']} | {len(c['samples'])} | {_f(c['median_s'])} | {_f(c['max_s'])} | "
                     f"{', '.join(c['reasons']) or 'none'} (expected {c['expected_reason']}) | {limit}: "
                     f"{_target(c['met'])} |")
    return lines


def latency_table(lat: dict[str, Any]) -> list[str]:
    """Section 6: live latency of a tile (glass to glass) against a minimal client, and the GOP-cache join."""
    if "error" in lat:
        return ["", "## 6. Live latency (glass to glass)", "", f"Not measured: {lat['error']}."]
    c, j = lat["cold"], lat["join"]
    lag, at3 = c["steady_lag_vs_ref"], j["lag_vs_cold_at_3s"]
    ok = lag["median_ms"] <= 150 if lag["median_ms"] is not None else None
    join_ok = abs(at3["max_ms"]) <= 150 if at3["max_ms"] is not None else None

    def row(what: str, v: dict[str, Any]) -> str:
        return (f"| {what} | {v['samples']} | {_f(v['median_ms'], 0)} | {_f(v['mean_ms'], 0)} | {_f(v['p95_ms'], 0)} "
                f"| {_f(v['max_ms'], 0)} |")

    return ["", "## 6. Live latency of a tile, glass to glass (counter stream, 640x360@25, GOP 1 s)", "",
            "| what | samples | median ms | mean ms | p95 ms | max ms |", "|---|---|---|---|---|---|",
            row("age of the tile's picture on screen", c["steady_age_tile"]),
            row("age of the reference's newest frame (minimal ffmpeg, low_delay)", c["steady_age_ref"]),
            row("age of the plain minimal client's newest frame (frame threads)", c["steady_age_plain_ref"]),
            row("tile behind the reference, same instant", lag),
            row("reference: frame on its pipe after the frame was made", lat["ref_arrival_age"]),
            "",
            f"Tile behind the reference (median): {_f(lag['median_ms'], 0)} ms (target <= 150 ms: {_target(ok)}). "
            f"A tile joining the warm feed (GOP cache), {at3['samples']} joins: 3 s after its assignment "
            f"{_f(at3['median_ms'], 0)} ms behind the cold tile (median; worst {_f(at3['max_ms'], 0)} ms; target "
            f"within 150 ms: {_target(join_ok)}); its first readable picture {_f(j['first_readable_median_s'])} s "
            f"after the assignment (median), the cold tile's {_f(c['first_readable_s'])} s.",
            "", "Age = real time of the X-server grab minus the time the counter's frame entered the encoder: "
                "it includes the 0-40 ms a picture stays up until the next (20 ms on average). Load average at "
                f"start {lat.get('load_at_start')}."]


def profile_table(p: dict[str, Any]) -> list[str]:
    """Section 7 (issue 18 item 1): where the 16-tile wall's CPU goes."""
    if "error" in p:
        return ["", "## 7. Where the CPU goes", "", f"Not measured: {p['error']}"]
    lines = ["", f"## 7. Where the CPU goes ({p['config']}; perf cpu-clock and py-spy; load {_f(p['load_before'], 1)})",
             "", f"App process {_f(p['app_process_cores'])} cores ({p['native_samples']} native samples); its ffmpeg "
             f"ingests {_f(p['ingest_cores'])} cores. The same streams in the same run: ffmpeg decoding "
             f"{_f(p['ffmpeg_decode_cores'])} cores, decoding + scaling to BGRA "
             f"{_f(p['ffmpeg_decode_scale_bgra_cores'])} cores. The app's libavcodec share / ffmpeg's decoding = "
             f"{_f(p['decode_vs_ffmpeg'])} (about 1 = each picture decoded once).", "",
             "| share of the app process | cores | % |", "|---|---|---|"]
    for name, cores in p["cores"].items():
        lines.append(f"| {name} | {_f(cores, 3)} | {_f(p['share_pct'][name], 1)} |")
    if p.get("python_cores"):
        lines += ["", f"Who holds the GIL, by py-spy ({p['python_samples']} samples): Python code, and the Qt or numpy "
                  "calls it makes (so it overlaps the Qt and libc rows above).", "",
                  "| Python (with the calls it makes) | cores holding the GIL |", "|---|---|"]
        lines += [f"| {name} | {_f(cores, 3)} |" for name, cores in p["python_cores"].items()]
    lines += ["", "Native samples per thread role: " + ", ".join(f"{k} {v}" for k, v in p["threads"].items()) + "."]
    return lines
