#!/usr/bin/env python3
"""Writes tests/fixtures/markdown-random/site/: seeded random documents built from
kramdown's tricky tokens, for differential testing against real Jekyll.

Run from the repository root, then `scripts/regen-fixtures markdown-random`.
"""
import os, random, shutil, sys

R = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 4242)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 300
NAME = sys.argv[3] if len(sys.argv) > 3 else "markdown-random"
MAXD = int(sys.argv[4]) if len(sys.argv) > 4 else 2

WORDS = ["alpha", "beta", "gamma", "x", "I", "don't", "it's", "café", "日本", "42", "a_b", "foo-bar", "C++", "e.g."]
TOK = ["*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "\"", "'", "--", "---", "...", "<b>", "</b>",
       "<span>", "</span>", "&amp;", "&", "&copy;", "\\", "\\*", "$$", "{:.x}", "[^1]", "~~", "<http://x.y>",
       "!", "#", "<<", ">>", "|", ":", "{", "}", "<!-- c -->", "<br>", "=", "-", "+", "1."]

def inline(n):
    out = []
    for _ in range(n):
        r = R.random()
        if r < 0.45:
            out.append(R.choice(WORDS))
        elif r < 0.85:
            out.append(R.choice(TOK))
        else:
            out.append(R.choice(["*" + R.choice(WORDS) + "*", "**" + R.choice(WORDS) + "**", "`" + R.choice(WORDS) + "`",
                                 "[" + R.choice(WORDS) + "](/u)", "\"" + R.choice(WORDS) + "\"", "'" + R.choice(WORDS) + "'",
                                 "_" + R.choice(WORDS) + "_", "[" + R.choice(WORDS) + "][r]", "![" + R.choice(WORDS) + "](i.png)"]))
    sep = [" ", " ", " ", "", "\n", "  \n"]
    s = ""
    for i, t in enumerate(out):
        s += t + (R.choice(sep) if i + 1 < len(out) else "")
    return s

def para():
    return inline(R.randint(1, 12)) + "\n"

def block(depth=0):
    r = R.random()
    if depth > MAXD or r < 0.3:
        return para()
    if r < 0.45:
        marker = R.choice(["-", "*", "+", "1.", "2)", "10."])
        items = []
        for i in range(R.randint(1, 4)):
            ind = R.choice(["  ", "   ", "    ", " ", "\t", "      "])
            body = block(depth + 1).rstrip("\n").replace("\n", "\n" + (ind if R.random() < 0.8 else ""))
            sp = R.choice([" ", "  ", "\t"])
            items.append(R.choice(["", "", " ", "  "]) + marker + sp + body + "\n" + ("\n" if R.random() < 0.3 else ""))
            if R.random() < 0.2:
                items.append(ind + block(depth + 1).rstrip("\n").replace("\n", "\n" + ind) + "\n")
        return "".join(items)
    if r < 0.55:
        inner = block(depth + 1)
        return "".join(R.choice(["> ", ">", "> "]) + l + "\n" if R.random() < 0.85 else l + "\n" for l in inner.rstrip("\n").split("\n"))
    if r < 0.62:
        fence = R.choice(["```", "~~~", "````"])
        return fence + R.choice(["", "text", "foo", " zed"]) + "\n" + inline(R.randint(1, 6)) + "\n" + fence + "\n"
    if r < 0.66:
        return "".join("    " + l + "\n" for l in inline(R.randint(1, 6)).split("\n"))
    if r < 0.72:
        return "#" * R.randint(1, 6) + R.choice([" ", "", "  "]) + inline(R.randint(1, 5)).replace("\n", " ") + R.choice(["", " ##", " {#hid}"]) + "\n"
    if r < 0.75:
        return inline(R.randint(1, 4)).replace("\n", " ") + "\n" + R.choice(["===", "---", "-", "=-="]) + "\n"
    if r < 0.8:
        cols = R.randint(1, 3)
        row = lambda: "| " + " | ".join(inline(R.randint(1, 2)).replace("\n", " ") for _ in range(cols)) + " |\n"
        return row() + "|" + "|".join(R.choice(["---", ":--", "--:", ":-:"]) for _ in range(cols)) + "|\n" + row() + (row() if R.random() < 0.5 else "")
    if r < 0.85:
        tag = R.choice(["div", "p", "section", "details", "span", "table", "custom-el"])
        md = R.choice(["", " markdown=\"1\"", " markdown=\"span\"", " class=\"c\""])
        return "<" + tag + md + ">\n" + block(depth + 1) + "</" + tag + ">\n"
    if r < 0.88:
        return R.choice(["***", "---", "- - -", "___"]) + "\n"
    if r < 0.92:
        return inline(R.randint(1, 3)).replace("\n", " ") + "\n: " + inline(R.randint(1, 4)).replace("\n", " ") + "\n"
    if r < 0.95:
        return "[^1]: " + inline(R.randint(1, 5)) + "\n"
    if r < 0.97:
        return "[r]: /ref " + R.choice(["", "\"T\"", "'t'"]) + "\n"
    return R.choice(["{: .cls}", "{:#id}", "^", "*[HTML]: hyper", "$$\nx < y\n$$", "{::comment}\nc\n{:/comment}"]) + "\n"

def doc():
    parts = []
    for _ in range(R.randint(1, 5)):
        parts.append(block())
        parts.append(R.choice(["\n", "\n", "", "\n\n"]))
    return "".join(parts)

def main():
    site = os.path.join("tests", "fixtures", NAME, "site")
    if os.path.isdir(site):
        shutil.rmtree(site)
    os.makedirs(os.path.join(site, "cases"))
    with open(os.path.join(site, "_config.yml"), "w") as f:
        f.write("title: x\n")
    for i in range(N):
        d = doc()
        fm = "render_with_liquid: false\n" if ("{%" in d or "{{" in d) else ""
        with open(os.path.join(site, "cases", f"{i:03d}-random.md"), "w") as f:
            f.write("---\n" + fm + "---\n" + d)
    print(N, "random cases")

main()
