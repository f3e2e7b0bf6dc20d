#!/usr/bin/env python3
"""bench/gen_pages.py -- generate the benchmark's pages and article.

usage: gen_pages.py OUTDIR COUNT BASE_URL

Writes OUTDIR/www/p/<n>.html (COUNT pages of 30-80 KB of news-like HTML,
each stating the same trade figure among random filler), OUTDIR/urls.txt
(their URLs under BASE_URL) and OUTDIR/article-<k>.txt (articles of at
most PER_ARTICLE claims, one claim and one reference per page).  One
figure for all: different figures for one quantity and period would make
every pair of claims an internal conflict, which measures the checker's
quadratic cases rather than reading pages.  Deterministic (fixed seed),
standard library only.
"""
import os
import random
import sys

PER_ARTICLE = 500
FACT = ("In 2023, trade turnover between Uzbekistan and Kazakhstan reached "
        "$4.4 billion.")

WORDS = ("trade turnover exports imports growth ministry agreement partner "
         "region investment transport logistics energy agriculture cotton "
         "textile machinery cooperation delegation summit forum council "
         "programme project industrial zone railway corridor customs tariff "
         "market bank credit currency inflation budget revenue quarter "
         "statistics committee report analysts officials government talks "
         "visit minister president capital border water resources").split()
COUNTRIES = ["Uzbekistan", "Kazakhstan", "Kyrgyzstan", "Tajikistan",
             "Turkmenistan", "Azerbaijan", "Georgia", "Mongolia"]


def sentence(rng):
    n = rng.randint(8, 22)
    w = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.3:
        w.insert(rng.randint(0, n), rng.choice(COUNTRIES))
    return " ".join(w).capitalize() + "."


def page(rng, i, size):
    a, b = rng.sample(COUNTRIES, 2)
    year = 2023
    fact = FACT
    head = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>%s and %s trade news %d | Bench News</title>"
            "<meta property=\"og:site_name\" content=\"Bench News\">"
            "<meta property=\"article:published_time\" "
            "content=\"%d-12-20T10:00:00+05:00\"></head>\n<body>\n"
            "<nav><a href=\"/\">Home</a> <a href=\"/economy/\">Economy</a>"
            "</nav>\n<article><h1>%s and %s trade news %d</h1>\n<p>%s</p>\n"
            % (a, b, i, year + 1, a, b, i, fact))
    tail = "</article>\n<footer>Bench News %d</footer>\n</body></html>\n" % i
    parts = [head]
    total = len(head) + len(tail)
    while total < size:
        p = "<p>" + " ".join(sentence(rng) for _ in range(rng.randint(3, 7))) \
            + "</p>\n"
        parts.append(p)
        total += len(p)
    parts.append(tail)
    return "".join(parts), a, b


def main():
    out, count, base = sys.argv[1], int(sys.argv[2]), sys.argv[3].rstrip("/")
    rng = random.Random(20261125)
    pdir = os.path.join(out, "www", "p")
    os.makedirs(pdir, exist_ok=True)
    urls, claims, refs = [], [], []
    for i in range(1, count + 1):
        html, a, b = page(rng, i, rng.randint(30, 80) * 1024)
        with open(os.path.join(pdir, "%d.html" % i), "w",
                  encoding="utf-8") as fh:
            fh.write(html)
        url = "%s/p/%d.html" % (base, i)
        urls.append(url)
        k = (i - 1) % PER_ARTICLE + 1
        claims.append(FACT[:-1] + " [%d]." % k)
        refs.append("[%d] %s and %s trade news %d, Bench News, 20 Dec 2024. %s"
                    % (k, a, b, i, url))
    with open(os.path.join(out, "urls.txt"), "w", encoding="ascii") as fh:
        fh.write("\n".join(urls) + "\n")
    for k in range(0, count, PER_ARTICLE):
        name = os.path.join(out, "article-%02d.txt" % (k // PER_ARTICLE + 1))
        with open(name, "w", encoding="utf-8") as fh:
            fh.write("Benchmark article\n\n" +
                     "\n\n".join(claims[k:k + PER_ARTICLE]) +
                     "\n\nReferences\n\n" +
                     "\n\n".join(refs[k:k + PER_ARTICLE]) + "\n")


if __name__ == "__main__":
    main()
