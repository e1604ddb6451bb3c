"""`stance train` on the NLPCC-ICCPOL 2016 Task A benchmark (Chinese Weibo stance, five targets).

Trains on the training posts with the 15 posts that also occur in the gold set and the 14
unlabelled rows removed (2,971 rows; see ``../shared/benchmarks/nlpcc2016/README.md``), scores
the 1,000 gold posts, and prints the official F_avg = (F1 FAVOR + F1 AGAINST) / 2 pooled over
the gold with its 95% bootstrap interval (the gold posts resampled), macro-F1, the strategy
cross-validation chose, train time, model size, load time and whether two saves give the same
bytes. The gold posts are used for the final figure only:
nothing is tuned on them. Prints figures; it is not a test.

    python benchmarks/bench_nlpcc.py [--data DIR] [--seed N] [--write-csv DIR]

``--write-csv DIR`` also writes ``train.csv`` and ``gold.csv`` (text, target, label; gold
target names spelled as in training) for ``stance train`` and ``stance evaluate --model``.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "nlpcc2016"
TRAIN_FILE = "evasampledata4-TaskAA.txt"
GOLD_FILE = "NLPCC_2016_Stance_Detection_Task_A_gold.txt"
# Training posts that also occur in the gold set (the benchmark folder's README says how they
# were found); they are dropped before training.
OVERLAP_IDS = frozenset(
    {64, 136, 2000, 2010, 2104, 2175, 2213, 2253, 2301, 2352, 2524, 2542, 2659, 2683, 2964}
)
# Two targets are spelled differently in the gold file: gold spelling -> training spelling.
GOLD_TARGET_NAMES = {"iPhone SE": "IphoneSE", "俄罗斯叙利亚反恐行动": "俄罗斯在叙利亚的反恐行动"}
PUBLISHED = (("2016 winner", 0.7106), ("2016 4th place", 0.6856))


def read_task_file(path: Path, encoding: str) -> pd.DataFrame:
    """One task file (TSV: ID, TARGET, TEXT, STANCE; no quoting) as a frame id/target/text/label."""
    text = path.read_bytes().decode(encoding)
    rows = []
    for number, line in enumerate(re.split(r"\r?\n", text)[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            raise ValueError(f"{path}:{number}: {len(fields)} fields, not 4")
        rows.append((int(fields[0]), fields[1].strip(), fields[2], fields[3].strip()))
    return pd.DataFrame(rows, columns=["id", "target", "text", "label"])


def training_rows(data: Path = DEFAULT_DATA) -> pd.DataFrame:
    """The 2,971 labelled training posts not in the gold set."""
    frame = read_task_file(data / TRAIN_FILE, "utf-8-sig")
    keep = (frame["label"] != "") & ~frame["id"].isin(OVERLAP_IDS)
    return frame[keep].reset_index(drop=True)


def gold_rows(data: Path = DEFAULT_DATA) -> pd.DataFrame:
    """The 1,000 gold posts, target names spelled as in the training file."""
    frame = read_task_file(data / GOLD_FILE, "gbk")
    return frame.assign(target=frame["target"].replace(GOLD_TARGET_NAMES))


def post_texts(data: Path = DEFAULT_DATA) -> list[str]:
    """The text of every labelled training post and every gold post (for segmentation checks)."""
    return training_rows(data)["text"].tolist() + gold_rows(data)["text"].tolist()


def main() -> None:
    from stance.config import RunConfig
    from stance.lexicon import load_lexicons
    from stance.model.evaluate import target_metrics
    from stance.model.learn import load_model, save_model, train

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--seed", type=int, default=RunConfig.seed, help="as `stance train` (default %(default)s)"
    )
    parser.add_argument("--write-csv", type=Path, default=None, metavar="DIR")
    args = parser.parse_args()
    if not (args.data / TRAIN_FILE).is_file():
        sys.exit(f"{args.data}: the NLPCC-2016 files are not there; pass --data DIR")
    train_rows, gold = training_rows(args.data), gold_rows(args.data)
    if args.write_csv is not None:
        args.write_csv.mkdir(parents=True, exist_ok=True)
        for name, frame in (("train.csv", train_rows), ("gold.csv", gold)):
            frame[["text", "target", "label"]].to_csv(args.write_csv / name, index=False)

    lexicons = load_lexicons()  # as `stance train` loads them: the cues are tried too
    start = time.perf_counter()
    model = train(train_rows, seed=args.seed, lexicons=lexicons, source=TRAIN_FILE)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "nlpcc.model"
        save_model(model, path)
        train_s = time.perf_counter() - start
        size = path.stat().st_size
        start = time.perf_counter()
        loaded = load_model(path)
        load_s = time.perf_counter() - start
        save_model(loaded, Path(folder) / "again.model")
        same = path.read_bytes() == (Path(folder) / "again.model").read_bytes()
    start = time.perf_counter()
    predicted = loaded.predict(gold["text"].tolist(), gold["target"].tolist())
    predict_s = time.perf_counter() - start

    print(f"training rows {len(train_rows)}, gold rows {len(gold)}, seed {args.seed}")
    print(model.cv.render())
    pair = ("FAVOR", "AGAINST")
    overall = target_metrics("(all)", gold["label"].tolist(), list(predicted), pair=pair, seed=args.seed)
    low, high = overall.interval("f_avg")
    print(f"gold F_avg {overall.f_avg:.4f}  (95% interval {low:.4f}-{high:.4f}, gold rows resampled)")
    print(f"gold macro-F1 {overall.macro_f1:.4f}")
    for target, rows in gold.assign(predicted=predicted).groupby("target"):
        per = target_metrics(
            target, rows["label"].tolist(), rows["predicted"].tolist(), pair=pair, seed=args.seed
        )
        low, high = per.interval("f_avg")
        print(f"  {target}: F_avg {per.f_avg:.4f} ({low:.4f}-{high:.4f}, n={len(rows)})")
    print("published: " + ", ".join(f"{name} {value:.4f}" for name, value in PUBLISHED))
    print(f"train + save {train_s:.1f} s, model {size / 2**20:.1f} MiB, load {load_s:.2f} s, ", end="")
    print(f"predict 1,000 posts {predict_s:.2f} s, saved again byte-identical: {same}")


if __name__ == "__main__":
    main()
