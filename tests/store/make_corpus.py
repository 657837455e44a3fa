#!/usr/bin/env python3
"""Writes a JSONL feed of N news-like documents made from the project's own sample articles.

Each document takes 6-12 paragraphs drawn (deterministically, from a seed) from the samples in
examples/, gets its own id, URL, title and a publication date spread over 2019-2020, so that
the documents are distinct but report overlapping events, as a day of real feeds does.

usage: make_corpus.py N OUT.jsonl [--seed S]
"""
import json
import pathlib
import random
import re
import sys


def paragraphs(root):
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".txt", ".html", ".jsonl"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = "\n\n".join(re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", text, re.S))
        elif path.suffix == ".jsonl":
            text = "\n\n".join(json.loads(line).get("text", "") for line in text.splitlines() if line.strip())
        for block in re.split(r"\n\s*\n", text):
            block = " ".join(block.split())
            if len(block) > 80:
                found.append(block)
    return found


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    count, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    root = pathlib.Path(__file__).resolve().parents[2] / "examples"
    pool = paragraphs(root)
    rng = random.Random(seed)
    with out.open("w", encoding="utf-8") as f:
        for i in range(count):
            body = rng.sample(pool, k=min(len(pool), rng.randint(6, 12)))
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            record = {
                "id": f"generated-{i}",
                "url": f"https://news.example/{2019 + i % 2}/{month:02}/{day:02}/story-{i}",
                "title": f"Generated report {i}",
                "published": f"{2019 + i % 2}-{month:02}-{day:02}",
                "text": "\n\n".join(body),
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
