#!/usr/bin/env python3
"""Writes the markdown-* fixture sites' inputs (tests/fixtures/markdown-*/site/).

Expected outputs are never written here: `scripts/regen-fixtures markdown-...`
builds them with real Jekyll. Run from the repository root.
"""
import os, shutil

CASES = {}

def case(group, name, text, front=""):
    CASES.setdefault(group, []).append((name, text, front))

# ---------------------------------------------------------------- headers
H = "headers"
for i, t in enumerate([
    "# Hello World", "## Create content & metadata", "### With `code` inside", "#### Trailing hashes ##",
    "##### Five", "###### Six", "####### Seven is text", "#NoSpace", "#\tTab after", "  # Indented two",
    "# Ümlaut Überschrift", "# 123 numbers first", "# Punctuation!?.,;: here", "# dash - and -- double",
    "# under_score and *emph*", "# [Link](http://x.com) in header", "# Header {#custom-id}",
    "# Header {#custom-id} trailing", "# Quotes \"double\" and 'single'", "# Ellipsis... and --- dash",
    "# Emoji 🎉 party", "# 日本語の見出し", "# A & B < C > D", "# &copy; entity", "# Escaped \\# hash",
    "# Ends with hash#", "# Ends with \\#", "# ", "#", "# Multiple   spaces   here",
    "# Header with <span>html</span>", "# Header with trailing space   ", "# CamelCase HeaderName",
    "# C++ and C#", "# foo_bar_baz", "# $$x^2$$ math", "# a\u00a0nbsp", "# Tab\tinside", "# '90s music",
    "# Don't stop", "# <<quoted>>", "#5 not header?", "## Header ##   ", "# Header #not trailing",
    "# ~~strike~~ header", "# **bold** header", "# Hello{#id}", "# Hello {#1bad}", "# Hello {#a:b.c}",
]):
    case(H, f"atx-{i:02d}", t + "\n")
case(H, "setext-basic", "Title\n=====\n\nSub\n---\n\nText\n")
case(H, "setext-after-para", "para line\nTitle\n=====\n")
case(H, "setext-dash-after-para", "para line\nmore\n---\n\nnext\n")
case(H, "setext-single-char", "Title\n=\n\nSub\n-\n")
case(H, "setext-indented", "   Title\n===\n")
case(H, "setext-trailing-spaces", "Title  \n===   \n")
case(H, "setext-with-id", "Title {#tid}\n======\n")
case(H, "dup-ids", "# Intro\n\n# Intro\n\n## Intro\n\n# intro\n\n# Intro-1\n")
case(H, "dup-ids-empty", "# !!!\n\n# ???\n\n# ...\n")
case(H, "atx-after-para", "para\n# not a header?\n")
case(H, "atx-after-para-blank", "para\n\n# a header\n")
case(H, "atx-in-list", "- # header in list\n- item\n")
case(H, "atx-in-quote", "> # quoted header\n> text\n")
case(H, "header-no-blank-after", "# Head\ntext right after\n")
case(H, "header-seq", "# One\n## Two\n### Three\n")
case(H, "header-ial", "# Title\n{: .cls #myid}\n\ntext\n")
case(H, "header-ial-before", "{: .before}\n# Title\n")
case(H, "header-no-toc", "# A\n{:.no_toc}\n\n# B\n")
case(H, "header-link-ref", "# See [this][ref]\n\n[ref]: http://example.com\n")
case(H, "header-footnote", "# Note[^1]\n\n[^1]: foot\n")
case(H, "header-image", "# ![alt](img.png) Image\n")
case(H, "header-same-after-strip", "# a.b\n\n# ab\n\n# a b\n")
case(H, "header-prefix-dash", "# -leading dash\n\n# _leading underscore\n")
case(H, "setext-hr-confusion", "text\n\n---\n\nmore\n")
case(H, "setext-equals-long", "A\n==========================\n")
case(H, "atx-closing-many", "# Title ########\n")
case(H, "atx-only-hashes", "### ###\n")
case(H, "setext-two-lines", "line one\nline two\n=====\n")
case(H, "header-html-entity-id", "# Tom &amp; Jerry\n")
case(H, "header-all-levels", "\n".join("#" * l + f" Level {l}\n" for l in range(1, 7)))

# ---------------------------------------------------------------- typography
T = "typography"
for i, t in enumerate([
    "He said \"hello\" to me.", "It's a 'quoted' word.", "The '80s were rad.", "Rock 'n' roll",
    "\"'Nested' quotes\"", "'\"Nested\" other'", "She said: \"Don't.\"", "Quote at end \"", "\" quote at start",
    "Em---dash and en--dash", "Wait... what", "Ellipsis at end...", "<< guillemets >>", "<<tight>>",
    "Escaped \\<< and \\>>", "a -- b --- c ---- d", "Trailing -", "1990--2000", "\\\"not smart\\\"",
    "\\'not smart\\'", "\"quote\"s plural", "'tis the season", "x'y'z", "(\"paren\")", "[\"bracket\"]",
    "\"*emph*\"", "'**strong**'", "\"`code`\"", "\"[link](http://a)\"", "'hello,' he said", "\"Yes!\" \"No?\"",
    "5'10\" tall", "It's 5 o'clock", "don't, can't, won't", "Dashes--no spaces", "A---B", "....", ".....",
    "a..b", "-- start", "end --", "&copy; &reg; &trade;", "&amp; &lt; &gt; &quot;", "&nbsp;non-breaking",
    "&#169; &#xA9; numeric", "&unknownentity; here", "& alone", "AT&T", "&#0; zero", "&hellip; &mdash;",
    "tab\there", "trailing spaces  ", "<b>bold</b> html", "5 < 6 > 4", "a<b", "x > y",
    "Price: $5 and $10", "100% sure", "C:\\path\\file", "back\\\\slash", "escape \\* star \\_ under",
    "\\`tick\\` \\# \\+ \\- \\. \\! \\{ \\} \\[ \\] \\( \\)", "\\| pipe \\~ tilde \\= eq \\$ dollar \\: colon",
    "\\a not escapable \\z", "\"'", "''", "\"\"", "'a'", "\"a\"", "''a''", "\"\"a\"\"", "a'", "a\"",
    "word'", "'word", "\"word", "word\"", "'80", "'s", "\"hello\"world", "'em", "rock'n'roll",
    "The \"quick\" brown 'fox' -- jumps... over <<the>> lazy dog.", "Unicode: café, naïve, 日本",
    "“Already” ‘curly’", "smiley :-) and ;)", "--> arrow", "<-- arrow", "<=> spaceship", "a*b*c", "a * b * c",
    "snake_case_word", "_leading underscore", "2*3*4", "**bold**text", "__a__b", "*a*b", "_a_b",
    "***both***", "___both___", "*em **strong** em*", "**strong *em* strong**", "* not emph *",
    "*unclosed", "**unclosed", "_under_score_", "foo*bar*baz", "foo_bar_baz", "*multi\nline* emph",
    "a **b** c **d**", "**", "****", "* * *", "\"*\"", "x*", "~~strike~~", "~~no strike ~~", "~~ no~~",
    "~one~", "~~~three~~~", "a~~b~~c", "H~2~O", "x^2^",
]):
    case(T, f"line-{i:03d}", t + "\n")
case(T, "multiline-quotes", "\"Quote starts\non one line and\nends here.\"\n")
case(T, "quote-after-newline", "first line\n\"second\" line\n")
case(T, "apostrophes-para", "I'm sure it's John's book, isn't it? We'll see--maybe.\n\nThe 'scare quotes' and \"real quotes\" differ.\n")

# ---------------------------------------------------------------- lists
L = "lists"
lists = {
 "ul-simple": "- a\n- b\n- c\n",
 "ul-star": "* a\n* b\n",
 "ul-plus": "+ a\n+ b\n",
 "ul-mixed-markers": "- a\n- b\n+ c\n* d\n",
 "ol-simple": "1. one\n2. two\n3. three\n",
 "ol-start-5": "5. five\n6. six\n",
 "ol-same-number": "1. a\n1. b\n1. c\n",
 "ol-paren": "1) a\n2) b\n",
 "ul-loose": "- a\n\n- b\n\n- c\n",
 "ul-loose-last": "- a\n- b\n\n- c\n",
 "ul-loose-first": "- a\n\n- b\n- c\n",
 "ul-nested": "- a\n  - b\n    - c\n- d\n",
 "ul-nested-4": "- a\n    - b\n        - c\n- d\n",
 "ol-nested-ul": "1. one\n   - sub\n   - sub2\n2. two\n",
 "ul-nested-ol": "- a\n  1. x\n  2. y\n- b\n",
 "ul-multi-para": "- para one\n\n  para two\n- next\n",
 "ul-lazy": "- item one\ncontinued lazily\n- item two\n",
 "ul-code-in-item": "- item\n\n      code block\n\n- next\n",
 "ul-fence-in-item": "- item\n\n  ```\n  code\n  ```\n- next\n",
 "ul-quote-in-item": "- item\n  > quote\n- next\n",
 "ul-after-para": "Paragraph\n- not a list?\n- item\n",
 "ul-after-para-blank": "Paragraph\n\n- list\n- item\n",
 "ol-after-para": "Paragraph\n1. item\n",
 "ul-then-para": "- a\n- b\n\nParagraph after.\n",
 "ul-then-para-nolazy": "- a\n- b\nlazy text\n",
 "ul-empty-item": "-\n- b\n",
 "ul-empty-item2": "- a\n-\n- c\n",
 "task-list": "- [ ] todo\n- [x] done\n- [X] Done upper\n- plain\n",
 "task-list-loose": "- [ ] todo\n\n- [x] done\n",
 "task-list-nested": "- [ ] parent\n  - [x] child\n",
 "task-only-second": "- plain\n- [ ] todo\n",
 "ul-indent-3": "   - a\n   - b\n",
 "ul-tab": "-\ta\n-\tb\n",
 "ol-big-number": "123456789. big\n",
 "ol-no-space": "1.no\n",
 "ul-hr-between": "- a\n- b\n\n* * *\n\n- c\n",
 "two-lists-blank": "- a\n\n\n- b\n",
 "ul-deep": "- 1\n  - 2\n    - 3\n      - 4\n        - 5\n",
 "ul-item-with-header": "- # Head\n  text\n",
 "ol-multi-para-loose": "1. First\n\n   More first.\n\n2. Second\n",
 "ul-nested-loose": "- a\n\n  - b\n\n  - c\n\n- d\n",
 "ul-item-ial": "- {:.cls} item with ial\n- normal\n",
 "ul-list-ial": "- a\n- b\n{: .mylist}\n",
 "ul-eob": "- a\n- b\n^\n- c\n",
 "dl-simple": "Term\n: Definition\n",
 "dl-multi": "Term 1\nTerm 2\n: Def 1\n: Def 2\n",
 "dl-loose": "Term\n\n: Definition para\n",
 "dl-multi-terms": "Apple\n: A fruit\n\nOrange\n: Another fruit\n",
 "dl-multiline-def": "Term\n: Def line one\n  continued line\n\n  second para\n",
 "dl-with-list": "Term\n: - item\n  - item2\n",
 "ul-star-emph-conflict": "* *emph* item\n* **strong** item\n",
 "ul-with-trailing-blank": "- a\n- b\n\n\n",
 "ul-numbers-text": "- 2019. A year\n",
 "ul-hr-after-item": "- a\n---\n",
 "ul-nested-blank-between": "- a\n  - b\n\n  - c\n- d\n",
 "ol-then-ul": "1. a\n2. b\n\n- c\n- d\n",
 "ul-then-ol-noblank": "- a\n1. b\n",
 "ul-code-span-item": "- `code` item\n- item `more`\n",
 "ul-link-item": "- [link](http://example.com)\n- <http://auto.link>\n",
 "ul-long-readme": "## Features\n\n- Fast: written in Rust\n- Safe: no `unsafe`\n- Portable\n  - Linux\n  - macOS\n  - Windows\n\n## Install\n\n1. Download the binary.\n2. Put it in your `PATH`.\n3. Run `tool --help`.\n",
 "ul-indented-continuation": "- first line\n  second line\n  third line\n- next\n",
 "ul-continuation-4sp": "- first\n    continuation four\n- next\n",
 "ol-indent-content": "1.  item with two spaces\n2.  second\n",
 "ul-item-starting-code": "-     code?\n- b\n",
 "ul-nested-after-lazy": "- a\nlazy\n  - nested\n",
 "ul-blank-then-indented": "- a\n\n    indented para\n- b\n",
 "ol-10-items": "".join(f"{i}. item {i}\n" for i in range(1, 12)),
 "ul-html-in-item": "- <b>bold</b> item\n- <div>block</div>\n",
}
for k, v in lists.items():
    case(L, k, v)

# ---------------------------------------------------------------- blocks
B = "blocks"
blocks = {
 "para-simple": "Hello world.\n",
 "para-two": "First para.\n\nSecond para.\n",
 "para-multiline": "line one\nline two\nline three\n",
 "para-leading-spaces": "   indented three\n",
 "para-trailing-blank-lines": "text\n\n\n\n",
 "hard-break-spaces": "line one  \nline two\n",
 "hard-break-backslash": "line one\\\nline two\n",
 "hard-break-end": "line one  \n",
 "hard-break-3-spaces": "line   \nnext\n",
 "hr-dashes": "---\n", "hr-stars": "***\n", "hr-underscores": "___\n", "hr-spaced": "- - -\n",
 "hr-long": "----------\n", "hr-after-para": "para\n***\n", "hr-after-para-dash": "para\n\n---\n",
 "hr-with-ial": "---\n{: .fancy}\n",
 "blockquote-simple": "> quote\n",
 "blockquote-multi": "> line one\n> line two\n",
 "blockquote-lazy": "> line one\nlazy line\n",
 "blockquote-paras": "> para one\n>\n> para two\n",
 "blockquote-nested": "> outer\n> > inner\n> back\n",
 "blockquote-list": "> - a\n> - b\n",
 "blockquote-code": "> ```\n> code\n> ```\n",
 "blockquote-header": "> ## Head\n> text\n",
 "blockquote-no-space": ">quote\n",
 "blockquote-after-para": "para\n> quote\n",
 "blockquote-then-para": "> quote\n\npara\n",
 "blockquote-empty": ">\n",
 "blockquote-ial": "> quote\n{: .note}\n",
 "blockquote-deep": "> > > deep\n",
 "eob-marker": "para one\n^\npara two\n",
 "comment-ext": "{::comment}\nThis is a comment\n{:/comment}\n\ntext\n",
 "comment-ext-span": "text {::comment}hidden{:/} more\n",
 "nomarkdown-block": "{::nomarkdown}\n<b>*raw*</b>\n{:/nomarkdown}\n",
 "nomarkdown-span": "a {::nomarkdown}*raw*{:/} b\n",
 "options-ext": "{::options auto_ids=\"false\" /}\n\n# No id\n",
 "ald-use": "{:myref: .cls #x}\n\npara\n{: myref}\n",
 "abbrev": "The HTML spec.\n\n*[HTML]: Hyper Text Markup Language\n",
 "abbrev-multi": "HTML and CSS and HTMLX.\n\n*[HTML]: HyperText\n*[CSS]: Style sheets\n",
 "abbrev-empty": "Use W3C.\n\n*[W3C]:\n",
 "math-block": "$$\nx^2 + y^2 = z^2\n$$\n",
 "math-inline": "Inline $$a < b$$ math.\n",
 "math-block-in-para": "text\n$$x$$\n",
 "math-single-dollar": "Costs $5 and $6.\n",
 "math-escaped": "\\$$not math$$\n",
 "link-def-only": "[foo]: http://example.com\n",
 "link-def-then-para": "[foo]: http://example.com\ntext [foo]\n",
 "blank-only": "\n\n",
 "empty": "",
 "no-trailing-newline": "no newline at end",
 "crlf-lines": "line one\r\nline two\r\n\r\npara\r\n",
 "tabs-para": "\ttab indented is code\n",
 "html-comment-block": "<!-- comment -->\n\ntext\n",
 "html-comment-multiline": "<!--\nmulti\nline\n-->\n",
 "para-with-html-comment": "text <!-- c --> more\n",
 "ial-span": "This is *emph*{: .cls} text.\n",
 "ial-span-link": "[link](http://x.com){:target=\"_blank\"}\n",
 "ial-block-para": "Para\n{: .notice--info}\n",
 "ial-block-para-nospace": "Para\n{:.notice}\n",
 "ial-multi-attrs": "Para\n{: #id .a .b key=\"value\" other='x'}\n",
 "ial-before-para": "{: .pre}\nPara\n",
 "ial-standalone": "Para\n\n{: .orphan}\n\nNext\n",
 "toc": "* TOC\n{:toc}\n\n# One\n\n## Two\n\n# Three\n",
 "toc-ol": "1. TOC\n{:toc}\n\n# One\n## Sub\n",
 "toc-no-toc": "* toc\n{:toc}\n\n# Shown\n\n# Hidden\n{:.no_toc}\n",
 "toc-empty": "* toc\n{:toc}\n\ntext\n",
 "toc-with-markup": "* toc\n{:toc}\n\n# *Emph* and `code` [link](x)\n",
 "toc-skip-levels": "* toc\n{:toc}\n\n### Three\n# One\n##### Five\n",
 "toc-id": "* toc\n{:toc #mytoc}\n\n# A\n",
}
for k, v in blocks.items():
    case(B, k, v)

# ---------------------------------------------------------------- code
C = "code"
code = {
 "fence-plain": "```\ncode here\n```\n",
 "fence-text": "```text\nplain < text\n```\n",
 "fence-plaintext": "```plaintext\na & b\n```\n",
 "fence-unknown-lang": "```foobar\nsome code\n```\n",
 "fence-tilde": "~~~\ntilde\n~~~\n",
 "fence-tilde-lang": "~~~ unknownlang\ncode\n~~~\n",
 "fence-four": "````\n```\ninner\n```\n````\n",
 "fence-longer-close": "```\ncode\n`````\n",
 "fence-indented": "  ```\n  indented fence\n  ```\n",
 "fence-unclosed": "```\nnever closed\n",
 "fence-after-para": "para\n```\ncode\n```\n",
 "fence-empty": "```\n```\n",
 "fence-blank-lines": "```\n\nline\n\n```\n",
 "fence-html": "```\n<div>&amp;</div>\n```\n",
 "fence-lang-opts": "```mylang?opt=1\nx\n```\n",
 "fence-lang-space": "``` mylang\nx\n```\n",
 "fence-tabs": "```\n\tindented tab\n```\n",
 "indented": "    indented code\n    line two\n",
 "indented-tab": "\ttab code\n",
 "indented-blank-inside": "    a\n\n    b\n",
 "indented-after-para": "para\n    not code\n",
 "indented-trailing-blank": "    code\n\n\npara\n",
 "indented-html": "    <b>x</b> & y\n",
 "indented-lazy": "    code\nlazy?\n",
 "codespan-simple": "Use `code` here.\n",
 "codespan-double": "Use ``co`de`` here.\n",
 "codespan-spaces": "`` `tick` ``\n",
 "codespan-html": "`<b>&amp;</b>`\n",
 "codespan-unclosed": "an `unclosed span\n",
 "codespan-space-start": "a ` b` c\n",
 "codespan-multiline": "`multi\nline`\n",
 "codespan-in-emph": "*`code` in em*\n",
 "codespan-ial-lang": "`puts 1`{:.language-foo}\n",
 "code-ial-class": "```\ncode\n```\n{: .extra}\n",
 "code-ial-lang": "    code\n{: .language-foo}\n",
 "code-in-list-indent": "1. step\n\n   ```\n   run\n   ```\n\n2. next\n",
 "code-nested-list-indent": "- a\n  - b\n\n    ```\n    deep\n    ```\n",
 "code-in-quote-indented": ">     quoted code\n",
 "fence-no-lang-many-lines": "```\n" + "".join(f"line {i}\n" for i in range(20)) + "```\n",
}
for k, v in code.items():
    case(C, k, v)

# ---------------------------------------------------------------- tables
TB = "tables"
tables = {
 "basic": "| a | b |\n|---|---|\n| 1 | 2 |\n",
 "align": "| l | c | r | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n",
 "no-leading-pipe": "a | b\n--|--\n1 | 2\n",
 "no-header": "| 1 | 2 |\n| 3 | 4 |\n",
 "footer": "| h |\n|---|\n| b |\n|===|\n| f |\n",
 "ragged": "| a | b | c |\n|---|---|\n| 1 |\n",
 "escaped-pipe": "| a \\| b | c |\n|---|---|\n| 1 | 2 |\n",
 "code-pipe": "| `a|b` | c |\n|---|---|\n| 1 | 2 |\n",
 "inline-markup": "| *em* | **strong** | [l](x) |\n|---|---|---|\n| `c` | <b>h</b> | &amp; |\n",
 "empty-cells": "| a | |\n|---|---|\n| | b |\n",
 "after-para": "para\n| a | b |\n|---|---|\n",
 "after-para-blank": "para\n\n| a | b |\n|---|---|\n| c | d |\n",
 "single-col": "| a |\n|---|\n| b |\n",
 "sep-only": "|---|---|\n",
 "multi-sep": "| a |\n|---|\n| b |\n|---|\n| c |\n",
 "ial": "| a |\n|---|\n| b |\n{: .tbl}\n",
 "wide": "| " + " | ".join(f"h{i}" for i in range(8)) + " |\n|" + "---|" * 8 + "\n" + "".join("| " + " | ".join(f"r{r}c{i}" for i in range(8)) + " |\n" for r in range(5)),
 "trailing-text": "| a | b |\n|---|---|\n| 1 | 2 |\ntext after\n",
 "no-body": "| a | b |\n|---|---|\n",
 "pipe-in-para": "This | is not | a table?\n",
 "readme": "## Options\n\n| Option | Default | Description |\n| ------ | ------- | ----------- |\n| `--verbose` | `false` | Print more |\n| `--out` | `dist` | Output dir |\n",
 "unicode": "| 名前 | 値 |\n|---|---|\n| café | ✓ |\n",
 "sep-with-plus": "| a | b |\n|---+---|\n| 1 | 2 |\n",
 "spaces-in-align": "| a | b |\n| :---: | ---: |\n| 1 | 2 |\n",
}
for k, v in tables.items():
    case(TB, k, v)

# ---------------------------------------------------------------- footnotes
F = "footnotes"
fn = {
 "basic": "Text[^1].\n\n[^1]: The note.\n",
 "named": "Text[^note].\n\n[^note]: Named note.\n",
 "multiple": "A[^a] B[^b].\n\n[^a]: First.\n[^b]: Second.\n",
 "repeated": "A[^1] and again[^1].\n\n[^1]: Note.\n",
 "order": "B[^b] A[^a].\n\n[^a]: a\n[^b]: b\n",
 "multipara": "Text[^1].\n\n[^1]: Para one.\n\n    Para two.\n",
 "code-in-note": "Text[^1].\n\n[^1]: Note.\n\n        code\n",
 "missing-def": "Text[^missing].\n",
 "unused-def": "Text.\n\n[^x]: unused\n",
 "in-list": "- item[^1]\n\n[^1]: note\n",
 "list-in-note": "T[^1]\n\n[^1]: note\n\n    - a\n    - b\n",
 "footnotes-placement": "T[^1]\n\n* footnotes\n{:footnotes}\n\nAfter.\n\n[^1]: note\n",
 "def-before-ref": "[^1]: early def\n\nText[^1].\n",
 "emph-in-note": "T[^1]\n\n[^1]: *emph* and `code`\n",
 "header-last": "T[^1]\n\n[^1]: text\n\n    # header\n",
 "note-ends-with-list": "T[^1]\n\n[^1]: para\n\n    - x\n",
 "blockquote-note": "T[^1]\n\n[^1]: > quoted\n",
 "many": "".join(f"W{i}[^{i}] " for i in range(1, 12)) + "\n\n" + "".join(f"[^{i}]: note {i}\n" for i in range(1, 12)),
 "ial-on-def": "T[^1]\n\n[^1]: note\n{: .cls}\n",
 "in-table": "| a[^1] |\n|---|\n| b |\n\n[^1]: n\n",
 "in-header": "# H[^1]\n\n[^1]: n\n",
 "marker-no-space": "word[^1]word\n\n[^1]: n\n",
 "caret-link": "[^not a note]\n",
}
for k, v in fn.items():
    case(F, k, v)

# ---------------------------------------------------------------- html
HT = "html"
html = {
 "div-block": "<div>\nhello\n</div>\n",
 "div-one-line": "<div>hello</div>\n",
 "div-markdown-1": "<div markdown=\"1\">\n*emph* text\n</div>\n",
 "div-markdown-block": "<div markdown=\"block\">\n# Head\n\n- list\n</div>\n",
 "div-markdown-span": "<div markdown=\"span\">*emph* text</div>\n",
 "div-markdown-0": "<div markdown=\"0\">*raw*</div>\n",
 "nested-divs": "<div class=\"a\">\n<div class=\"b\">\ninner\n</div>\n</div>\n",
 "nested-divs-indented": "<div>\n  <div>\n    <p>x</p>\n  </div>\n</div>\n",
 "unclosed-div": "<div>\nno end\n",
 "p-tag": "<p>paragraph html</p>\n",
 "span-inline": "text <span>span</span> text\n",
 "span-start-line": "<span>starts</span> line\n",
 "em-inline-md": "<em>*md*</em> inline\n",
 "inline-md-inside-span": "a <span>*b*</span> c\n",
 "br-tag": "line<br>next\n",
 "br-self": "line<br/>next\n",
 "img-tag": "<img src=\"a.png\" alt=\"x\">\n",
 "hr-tag": "<hr>\n",
 "script": "<script>\nvar a = 1 < 2;\n</script>\n",
 "style": "<style>\nbody { color: red; }\n</style>\n",
 "pre-tag": "<pre>\n  keep   spacing\n</pre>\n",
 "table-html": "<table>\n<tr><td>a</td></tr>\n</table>\n",
 "details": "<details>\n<summary>Click</summary>\n\nHidden *content*\n\n</details>\n",
 "comment": "<!-- hidden -->\n",
 "comment-inline": "a <!-- c --> b\n",
 "attrs-unquoted": "<div class=foo id=bar>x</div>\n",
 "attrs-single": "<div class='foo'>x</div>\n",
 "attrs-bool": "<input type=\"checkbox\" checked>\n",
 "uppercase-tag": "<DIV>upper</DIV>\n",
 "custom-element": "<my-widget>\ncontent\n</my-widget>\n",
 "html-then-md": "<div>x</div>\n\n*md*\n",
 "html-no-blank-md": "<div>x</div>\n*md*\n",
 "closing-only": "</div>\n",
 "autolink-angle": "<http://example.com>\n",
 "autolink-mail": "<me@example.com>\n",
 "autolink-mailto": "<mailto:me@example.com>\n",
 "bare-url": "Visit http://example.com now.\n",
 "bare-www": "Visit www.example.com now.\n",
 "iframe": "<iframe src=\"https://x.com\" width=\"100\"></iframe>\n",
 "video": "<video controls>\n  <source src=\"a.mp4\">\n</video>\n",
 "div-with-blank-lines": "<div>\n\npara inside\n\n</div>\n",
 "span-block-position": "<span>a</span>\n<span>b</span>\n",
 "a-tag": "<a href=\"x\">link</a> text\n",
 "a-tag-md": "<a href=\"x\">*em*</a>\n",
 "html-entity-in-div": "<div>&copy; &amp;</div>\n",
 "center": "<center>\nCentered\n</center>\n",
 "figure": "<figure>\n  <img src=\"a.png\">\n  <figcaption>Cap</figcaption>\n</figure>\n",
 "div-indented-content": "<div>\n    four spaces\n</div>\n",
 "inline-block-tag-in-para": "text <div>x</div> text\n",
 "self-closing-custom": "<br />\n",
 "xml-pi": "<?xml version=\"1.0\"?>\n",
 "doctype": "<!DOCTYPE html>\n",
 "cdata-like": "text <![CDATA[x]]> text\n",
 "mixed-case-close": "<div>x</DIV>\n",
 "ul-html": "<ul>\n  <li>one</li>\n  <li>two</li>\n</ul>\n",
 "div-md-list": "<div markdown=\"1\">\n- a\n- b\n</div>\n",
 "span-markdown-0": "a <span markdown=\"0\">*x*</span>\n",
 "html-attr-newline": "<div\n  class=\"x\">y</div>\n",
 "kbd": "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.\n",
 "sup-sub": "H<sub>2</sub>O and x<sup>2</sup>\n",
 "abbr-tag": "<abbr title=\"x\">X</abbr>\n",
}
for k, v in html.items():
    case(HT, k, v)

# ---------------------------------------------------------------- links
LK = "links"
links = {
 "inline": "[text](http://example.com)\n",
 "inline-title": "[text](http://example.com \"Title\")\n",
 "inline-title-single": "[text](http://example.com 'Title')\n",
 "inline-angle": "[text](<http://example.com/a b>)\n",
 "inline-parens": "[text](http://example.com/a_(b))\n",
 "inline-empty": "[text]()\n",
 "ref": "[text][id]\n\n[id]: http://example.com\n",
 "ref-title": "[text][id]\n\n[id]: http://example.com \"T\"\n",
 "ref-title-next-line": "[text][id]\n\n[id]: http://example.com\n    \"Next\"\n",
 "ref-implicit": "[id][]\n\n[id]: http://example.com\n",
 "ref-shortcut": "[id]\n\n[id]: http://example.com\n",
 "ref-case": "[ID]\n\n[id]: http://example.com\n",
 "ref-angle": "[x]\n\n[x]: <http://example.com>\n",
 "ref-missing": "[text][nope]\n",
 "image": "![alt](img.png)\n",
 "image-title": "![alt text](img.png \"Title\")\n",
 "image-ref": "![alt][img]\n\n[img]: img.png\n",
 "image-in-link": "[![alt](img.png)](http://example.com)\n",
 "link-emph": "[*emph* link](x)\n",
 "link-code": "[`code`](x)\n",
 "nested-brackets": "[a [b] c](x)\n",
 "link-in-link": "[a [b](y) c](x)\n",
 "escaped-bracket": "\\[not link\\](x)\n",
 "amp-in-url": "[x](http://a.com/?a=1&b=2)\n",
 "quote-in-url": "[x](http://a.com/\"q\")\n",
 "quote-in-title": "[x](http://a.com \"a 'b' c\")\n",
 "entity-in-url": "[x](http://a.com/&amp;)\n",
 "space-in-url": "[x](http://a.com/a b)\n",
 "relative": "[x](/docs/page.html#frag)\n",
 "mailto": "[mail](mailto:a@b.com)\n",
 "link-ial": "[x](y){:.btn}\n",
 "image-ial": "![x](y.png){: width=\"100\"}\n",
 "image-standalone": "![x](y.png){:standalone}\n",
 "bracket-text": "[just brackets]\n",
 "link-def-indented": "[x]\n\n   [x]: http://a.com\n",
 "link-def-title-paren": "[x]\n\n[x]: http://a.com (paren title)\n",
 "link-multiline-text": "[multi\nline](x)\n",
 "autolink-https": "<https://example.com/path?q=1>\n",
 "autolink-ftp": "<ftp://files.example.com>\n",
 "link-smart-quotes": "[\"quoted\"](x)\n",
 "link-title-quotes": "[x](y \"say \\\"hi\\\"\")\n",
 "image-empty-alt": "![](a.png)\n",
 "link-blank-target": "[x](y){:target=\"_blank\" rel=\"noopener\"}\n",
 "url-with-underscores": "[x](http://a.com/a_b_c)\n",
 "link-to-header": "[see](#section-one)\n",
 "ref-defs-spacing": "[a] [b]\n\n[a]: /a\n[b]: /b 'B'\n",
}
for k, v in links.items():
    case(LK, k, v)

# ---------------------------------------------------------------- commonmark diffs
CM = "commonmark-diffs"
cm = {
 "star-list-no-blank": "Para\n* item\n",
 "paren-ol": "1) one\n",
 "lazy-quote-list": "> - a\nb\n",
 "emph-underscore-intraword": "snake_case_var and _emph_\n",
 "strong-underscore": "__strong__ and **strong**\n",
 "emph-nested-same": "*a *b* c*\n",
 "setext-multi-line": "a\nb\n---\n",
 "hr-interrupt": "a\n***\nb\n",
 "html-block-interrupt": "a\n<div>b</div>\n",
 "entity-nbsp": "a&nbsp;b\n",
 "backslash-newline": "a\\\nb\n",
 "link-ref-whitespace": "[a  b]\n\n[a b]: /x\n",
 "ordered-start-zero": "0. zero\n1. one\n",
 "code-span-backslash": "`a\\`b`\n",
 "indented-in-list-2": "- a\n\n      code?\n",
 "block-quote-fence": "> ```\n> a\n\nb\n",
 "emph-punct": "*foo*bar and **foo**bar\n",
 "emph-space-inside": "* a *\n",
 "link-no-close": "[a](b\n",
 "image-no-close": "![a](b\n",
 "heading-no-space-hash": "#hash\n",
 "table-in-list": "- | a | b |\n  |---|---|\n  | 1 | 2 |\n",
 "html-inline-block-start": "<b>bold</b> start\n",
 "html-entity-numeric-big": "&#x1F600; &#128512;\n",
 "tab-stop-list": "-\tone\n\t-\ttwo\n",
 "double-blank-list": "- a\n\n\n- b\n",
 "fence-in-para-end": "text\n~~~\ncode\n~~~\n",
 "quote-then-code": "> a\n    b\n",
 "list-item-two-blank": "- a\n\n\n  b\n",
 "underscore-in-word-strong": "foo__bar__baz\n",
}
for k, v in cm.items():
    case(CM, k, v)

# ---------------------------------------------------------------- misc realistic docs
M = "misc"
misc = {
 "blog-post": """Welcome to my blog! This is my **first** post, and I'm excited.

## Why I started

I've always wanted to write -- about code, life... everything. Here's what I'll cover:

1. Programming tips
2. Book reviews
3. "Random" thoughts

> The best way to predict the future is to invent it.
> -- Alan Kay

Thanks for reading![^thanks]

[^thanks]: Seriously, thank you.
""",
 "readme": """# Project Name

[![Build Status](https://ci.example.com/badge.svg)](https://ci.example.com)

A short description of the project.

## Installation

```
$ make install
```

## Usage

Run `project --help` for options. See the [docs][docs] for more.

### Configuration

| Key | Type | Default |
|-----|------|---------|
| `port` | int | 8080 |
| `host` | string | `localhost` |

## License

MIT © Someone

[docs]: https://docs.example.com
""",
 "academic": """---
layout: none
---
""".replace("---\nlayout: none\n---\n", "") + """## Publications

**Doe, J.**, Smith, A. (2020). *A study of things*. Journal of Stuff, 12(3), 45--67. [PDF](/files/paper.pdf)

## Teaching

* **CS 101** -- Intro to Programming (Fall 2019)
* **CS 201** -- Data Structures (Spring 2020)

## Contact

Email: <jdoe@example.edu>
Office: Room 3.14
""",
 "notice-blocks": """**Note:** This is important.
{: .notice--info}

**Warning:** Be careful.
{: .notice--warning}

Normal text.
""",
 "mixed-doc": """# Title

Intro paragraph with *emphasis*, **strong**, `code`, and a [link](http://x.com).

* * *

- List item one
- List item two
    1. Nested ordered
    2. Another

Term
: Definition here

```
code block
```

> Quote with **bold**

<div class="box" markdown="1">
Inside *box*
</div>

Final line.
""",
 "changelog": """# Changelog

## [1.2.0] - 2020-01-01

### Added
- New feature ([#12](https://github.com/x/y/pull/12))
- Another one

### Fixed
- Bug with `foo` -- now works

## [1.1.0] - 2019-06-01

- Initial release

[1.2.0]: https://github.com/x/y/compare/v1.1.0...v1.2.0
""",
 "faq": """## FAQ

**Q: Does it work?**
A: Yes.

**Q: Really?**
A: Yes, "really".

### What about 'quotes'?

They're *smart*.
""",
 "long-para": "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "\n",
 "deep-nesting": "".join("  " * i + f"- level {i}\n" for i in range(12)),
 "quote-nesting": "".join(">" * i + f" level {i}\n" for i in range(1, 8)),
 "kitchen-sink-inline": "A *b* **c** ***d*** `e` [f](g) ![h](i) <j@k.com> <http://l.m> ~~n~~ $$o$$ &amp; -- --- ... \"p\" 'q'\n",
 "about-page": """Hi, I'm **Jane**. I'm a software engineer at [Acme](https://acme.example).

I like:

- Rust
- Ruby
- Hiking

You can find me on [GitHub](https://github.com/jane) or reach me by [email](mailto:jane@example.com).
""",
 "recipe": """# Pancakes

## Ingredients

- 1 cup flour
- 1 egg
- 1 cup milk

## Steps

1. Mix everything.
2. Heat the pan.

   Make sure it's *hot*.

3. Cook for 2--3 minutes per side.
""",
}
for k, v in misc.items():
    case(M, k, v)

# ---------------------------------------------------------------- code without highlighter
NH = "code-nohl"
nohl = {
 "ruby": "```ruby\ndef hello\n  puts \"hi\"\nend\n```\n",
 "js": "```js\nconst x = 1 < 2;\n```\n",
 "plain": "```\nplain\n```\n",
 "indented": "    code\n",
 "inline": "Use `x` here.\n",
 "ial-lang": "```\nx\n```\n{: .language-python}\n",
 "in-list": "- a\n\n  ```bash\n  echo hi\n  ```\n",
}
for k, v in nohl.items():
    case(NH, k, v)


# ---------------------------------------------------------------- more edge cases
EI = "inline"
inline = [
 "**a*b**", "*a**b*", "_a_b_", "***a** b*", "***a* b**", "**a **b** c**", "*a *b* c*", "__init__ method",
 "a__b__c", "*", "**a", "a*", "_a", "word_", "*a\nb*", "**bold** and __bold__", "*em*, *em*.", "(*em*)",
 "\"*em*\"", "**`code`**", "*[link](x)*", "[*a*](x)", "![*a*](x)", "`a` `b` ``c``", "````a````", "` `", "``", "`",
 "\\*not em\\*", "\\\\*em*", "a\\\nb", "a\\\\\nb", "&", "&amp", "&#;", "&#x;", "&#38;", "&#x26;", "&#60;", "&quot;",
 "&apos;", "&#8217;", "&#150;", "&lsquo;x&rsquo;", "<notatag", "< space", "a <b c", "<b>unclosed bold", "</b> stray close",
 "<span class=\"a\" id=b>x</span>", "<span title=\"a > b\">x</span>", "<SPAN>upper</SPAN>", "<foo-bar>custom inline</foo-bar>",
 "<em>a</em><strong>b</strong>", "<br>", "<img src=x>", "<input type=\"checkbox\"> box", "text<!--comment-->text",
 "<!-- unclosed comment", "<http://a.com/?a=1&b=2>", "<https://a.com/path_(x)>", "<a@b.c>", "<a.b-c_d@e-f.g>",
 "<mailto:x@y.z?subject=hi>", "<ftps://x>", "<javascript:alert(1)>", "http://bare.example.com/path", "www.example.com",
 "[a](b) [c](d)", "[a]( b )", "[a](b \"t\" )", "[a](b 't')", "[a](b (t))", "[a](\"b\")", "[a](<b>)", "[a](<b c> \"t\")",
 "[a][b][c]", "[a] [b]", "[[a]](x)", "[a](x)[b](y)", "![a](x)![b](y)", "[![a](x) ![b](y)](z)", "[a\\]b](x)", "[a`]`b](x)",
 "[x]: not a def in para", "a [^1] b", "[^]", "[^ x]", "x^2", "$$a$$ and $$b$$", "$$ spaced $$", "$$a\nb$$", "$$", "$a$",
 "{:.cls}", "a {:.cls}", "*a*{:.x}{:.y}", "*a*{: #id}", "`code`{:.language-text}", "**b**{:title=\"t\"}",
 "{::comment}c{:/comment}", "{::nomarkdown}<x>{:/}", "{::bogus}x{:/}", "{:/}", "a -- b", "a---b", "a ---", "---a",
 "...a...", "a . . . b", "<<a>>", "a << b >> c", "a <<b", "\\<<a\\>>", "--- -- ---", "- - not list in para?",
 "a  \nb", "a   \nb", "a\t\nb", "a \\\nb", "trailing backslash\\", "x~~a~~y", "~~a\nb~~", "~~~~", "~~ ~~", "a~b~c",
 "ümlaut *émph* ñ", "中文*强调*文本", "日本語の\"引用\"", "emoji 😀 \"quote\" 😀", "a\u00a0\"b\"", "tab\t\"q\"",
]
for i, t in enumerate(inline):
    case(EI, f"i{i:03d}", t + "\n")

EL = "lists2"
lists2 = {
 "ol-space-then-para": "1. a\n\n   b\n2. c\n",
 "ol-wide-markers": "9. nine\n10. ten\n11. eleven\n",
 "ol-wide-content": "10. ten\n    continued\n11. eleven\n",
 "ul-3-indent-nested": "- a\n   - b\n- c\n",
 "ul-1-indent-nested": "- a\n - b\n",
 "ul-code-after": "- a\n- b\n\n      code after list?\n",
 "ul-para-after-blank": "- a\n\n  b\n\nc\n",
 "ul-deep-loose": "- a\n\n  - b\n\n    - c\n\n      text\n",
 "ul-tab-content": "- a\n\tb\n",
 "ul-tab-nested": "- a\n\t- b\n",
 "ul-mixed-tabs": "*\ta\n\n\tb\n",
 "ol-nested-ol": "1. a\n   1. b\n   2. c\n2. d\n",
 "ul-blockquote-lazy": "- > a\nb\n",
 "ul-fence-no-blank": "- a\n  ```\n  b\n  ```\n",
 "ul-table": "- a\n\n  | x | y |\n  |---|---|\n  | 1 | 2 |\n",
 "ul-html": "- a\n\n  <div>x</div>\n",
 "ul-header-after": "- a\n- b\n# H\n",
 "ul-setext-item": "- a\n  ===\n",
 "ul-empty-lines-end": "- a\n\n\n\n",
 "ul-item-only-spaces": "-   \n  a\n",
 "ul-ial-only-first": "- {:.c}\n  a\n",
 "ul-eob-middle": "- a\n^\n\n- b\n",
 "ul-three-loose-mixed": "- a\n- b\n\n- c\n- d\n",
 "ol-loose-nested-tight": "1. a\n\n   - x\n   - y\n\n2. b\n",
 "dl-two-defs-blank": "T\n: a\n\n: b\n",
 "dl-after-blank-para": "Para\n\nT\n: d\n",
 "dl-nested-dl": "T\n: D\n\n  T2\n  : D2\n",
 "dl-ial": "T\n: D\n{: .dl}\n",
 "dl-term-markup": "*T* `c`\n: D\n",
 "dl-code": "T\n:     code?\n",
 "ul-link-defs-in-item": "- [a]\n\n  [a]: /x\n",
 "ul-footnote-in-item": "- a[^n]\n\n[^n]: note\n",
 "ul-hr-star-conflict": "* a\n* * *\n",
 "ul-after-hr": "***\n- a\n",
 "ul-number-lazy": "- a\n2. b\n",
 "ol-star-lazy": "1. a\n* b\n",
 "ul-big-doc": "".join(f"- item {i} with *em* and `code`\n" + ("  - sub\n" if i % 3 == 0 else "") for i in range(30)),
}
for k, v in lists2.items():
    case(EL, k, v)

EH = "html2"
html2 = {
 "div-md-nested": "<div markdown=\"1\">\n<div markdown=\"1\">\n*inner*\n</div>\n</div>\n",
 "div-md-para-blank": "<div markdown=\"1\">\n\npara one\n\npara two\n\n</div>\n",
 "div-md-header": "<div markdown=\"1\">\n# Head\n</div>\n",
 "section-md": "<section markdown=\"1\">\n## Title\n\nText\n</section>\n",
 "div-after-text-line": "<div>a</div> trailing text\n",
 "div-in-blockquote": "> <div>\n> x\n> </div>\n",
 "div-in-list": "- <div>x</div>\n",
 "p-md-1": "<p markdown=\"1\">*em*</p>\n",
 "span-md-block": "<span markdown=\"block\">*x*</span>\n",
 "div-close-mismatch": "<div>\n<span>\n</div>\n",
 "nested-raw-void": "<div><img src=\"a\"><br><hr></div>\n",
 "raw-entities": "<div>&copy; & < > \"q\"</div>\n",
 "raw-comment-inside": "<div><!-- c --><p>x</p></div>\n",
 "raw-pi": "<div><?php echo 1; ?></div>\n",
 "table-md": "<table>\n  <tr>\n    <td markdown=\"1\">*x*</td>\n  </tr>\n</table>\n",
 "details-md": "<details markdown=\"1\">\n<summary>S</summary>\n\n*body*\n</details>\n",
 "div-leading-spaces": "   <div>x</div>\n",
 "div-4-spaces": "    <div>x</div>\n",
 "html-block-then-list": "<div>x</div>\n- a\n",
 "html-then-header": "<div>x</div>\n# H\n",
 "comment-then-text": "<!-- c --> text after\n",
 "comment-indented": "  <!-- c -->\n",
 "two-comments": "<!-- a -->\n<!-- b -->\n",
 "div-attrs-newline": "<div class=\"a\"\n     id=\"b\">\nx\n</div>\n",
 "div-ial-before": "{: .x}\n<div>y</div>\n",
 "div-markdown-0-inner": "<div markdown=\"0\">\n*raw* <b>x</b>\n</div>\n",
 "script-inline-attr": "<script src=\"x.js\"></script>\n",
 "script-type": "<script type=\"text/x\">\n<b>not parsed</b>\n</script>\n",
 "style-in-para": "text <style>a{}</style>\n",
 "iframe-multiline": "<iframe\n  src=\"x\"\n  width=\"1\">\n</iframe>\n",
 "svg": "<svg width=\"10\" height=\"10\">\n  <circle cx=\"5\" cy=\"5\" r=\"4\" />\n</svg>\n",
 "form": "<form action=\"/x\">\n  <input type=\"text\" name=\"q\">\n  <button>Go</button>\n</form>\n",
 "picture": "<picture>\n  <source srcset=\"a.webp\" type=\"image/webp\">\n  <img src=\"a.jpg\" alt=\"A\">\n</picture>\n",
 "span-unclosed-para": "a <span>b\n\nc\n",
 "a-with-md-attr": "<a href=\"x\" markdown=\"0\">*y*</a>\n",
 "html-upper-attrs": "<div CLASS=\"X\">y</div>\n",
 "custom-upper": "<My-Tag>y</My-Tag>\n",
 "empty-div": "<div></div>\n",
 "self-closed-div": "<div />\n",
 "p-then-para": "<p>a</p>\nb\n",
}
for k, v in html2.items():
    case(EH, k, v)

D = "docs"
docs = {
 "jekyll-post": """Jekyll is a *static site generator*. It takes text written in your favorite markup language and uses layouts to create a static website.

## Quickstart

1. Install a full [Ruby development environment](/docs/installation/).
2. Install Jekyll and [bundler](/docs/ruby-101/#bundler) [gems](/docs/ruby-101/#gems).
   ```
   gem install jekyll bundler
   ```
3. Create a new Jekyll site at `./myblog`.
   ```
   jekyll new myblog
   ```

If you encounter any errors during this process, see the [troubleshooting](/docs/troubleshooting/#configuration-problems) page.

> **Note:** the `--livereload` option refreshes the page.
{: .note}
""",
 "minimal-mistakes-like": """---
""".replace("---\n", "") + """## Overview

**Notice:** Something important.
{: .notice--warning}

<figure class="half">
  <img src="/a.jpg" alt="">
  <img src="/b.jpg" alt="">
  <figcaption>Caption.</figcaption>
</figure>

### Buttons

[Default Button](#){: .btn .btn--primary}

* * *

{% raw %}
""".replace("{% raw %}\n", "") + """Footnote here[^fn].

[^fn]: A *footnote* with a [link](http://example.com).
""",
 "api-doc": """# API

## `GET /users/:id`

Returns a user.

| Param | Type | Required |
|:------|:----:|---------:|
| `id`  | int  | yes      |

### Response

```text
HTTP/1.1 200 OK
{"id": 1, "name": "A & B"}
```

### Errors

- `404` -- not found
- `500` -- server error
""",
 "cv": """## Education

* Ph.D in Computer Science, MIT, 2015
* B.S. in Mathematics, Stanford, 2010

## Work experience

* Spring 2020: Researcher
  * Lab of X
  * Duties included: tutoring, grading

## Skills

* Skill 1
  * Sub-skill 1.1
* Skill 2
""",
 "talk-page": """---
""".replace("---\n", "") + """This talk was given at **RustConf 2020**.

<iframe width="560" height="315" src="https://www.youtube.com/embed/x" frameborder="0" allowfullscreen></iframe>

Slides: [PDF](/files/slides.pdf) | [HTML](/slides/)

*[PDF]: Portable Document Format
""",
 "release-notes": """## v2.0.0 -- "Codename"

Breaking changes:

1. Removed `--old-flag`. Use `--new-flag` instead.
2. Renamed `Foo::bar()` to `Foo::baz()`.

   ```
   Foo::baz()
   ```

Other:

- Faster builds (~30%)
- Fixed [#123](https://github.com/o/r/issues/123)...
""",
 "tutorial-nohl": """Run the following:

    $ cargo build --release
    $ ./target/release/app

Then open <http://localhost:8080>.

Notes
: The port can be changed with `--port`.
: Logs go to *stderr*.
""",
}
for k, v in docs.items():
    case(D, k, v)

# ---------------------------------------------------------------- option variants
OPT_DOC = {
 "headers": "# One\n\n## Two `code`\n\n### Three & four\n\n# One\n",
 "toc": "* toc\n{:toc}\n\n# A\n\n## B\n\n### C\n\n#### D\n",
 "quotes": "\"double\" 'single' don't -- --- ... <<a>> &copy; &amp; &#169; &quot;x&quot;\n",
 "footnotes": "Text[^a] and[^b] and again[^a].\n\n[^a]: First.\n[^b]: Second.\n",
 "breaks": "line one\nline two  \nline three\\\nline four\n",
 "html": "<div>\n*not md by default*\n\n# Head\n</div>\n\n<p>*p text*</p>\n\n<span>*span*</span>\n",
 "math": "$$x < y$$\n\nInline $$a^2$$ here.\n",
 "code": "```\nplain\n```\n\n    indented\n\n`span`\n",
 "entities": "&copy; &#8212; &#x2014; &lt; &gt; &amp; &hellip; &nbsp;x\n",
 "mixed": "# Title\n\nSome *text* with \"quotes\" and a footnote[^1].\n\n- a\n- b\n\n[^1]: note\n",
}
OPT_SETS = {
 "opt-noids": "title: x\nkramdown:\n  auto_ids: false\n",
 "opt-prefix": "title: x\nkramdown:\n  auto_id_prefix: sec-\n",
 "opt-numeric": "title: x\nkramdown:\n  entity_output: numeric\n",
 "opt-symbolic": "title: x\nkramdown:\n  entity_output: symbolic\n",
 "opt-asinput": "title: x\nkramdown:\n  entity_output: as_input\n",
 "opt-quotes": "title: x\nkramdown:\n  smart_quotes: apos,apos,quot,quot\n",
 "opt-footnotes": "title: x\nkramdown:\n  footnote_nr: 5\n  footnote_backlink: \"back\"\n",
 "opt-toclevels": "title: x\nkramdown:\n  toc_levels: \"2..3\"\n",
 "opt-offset": "title: x\nkramdown:\n  header_offset: 1\n",
 "opt-hardwrap": "title: x\nkramdown:\n  hard_wrap: true\n",
 "opt-blockhtml": "title: x\nkramdown:\n  parse_block_html: true\n",
 "opt-nospanhtml": "title: x\nkramdown:\n  parse_span_html: false\n",
 "opt-nomath": "title: x\nkramdown:\n  math_engine: null\n",
 "opt-noguess": "title: x\nkramdown:\n  guess_lang: false\n",
}
for grp in OPT_SETS:
    for k, v in OPT_DOC.items():
        case(grp, k, v)

# ---------------------------------------------------------------- plain kramdown input (kramdown: input: kramdown)
KD = "opt-kramdown"
kd_docs = dict(OPT_DOC)
kd_docs.update({
 "atx-nospace": "#NoSpace\n\n## Trailing ##\n\n# Escaped \\#\n\n#\n",
 "atx-after-para": "para\n# not header\n\npara\n\n# header\n",
 "fence-backticks": "```\nnot a fence in kramdown\n```\n",
 "fence-tildes": "~~~ zzz\ncode\n~~~\n\n  ~~~\n  indented\n  ~~~\n",
 "list-after-para": "para\n- not a list\n- really\n\n- list\n",
 "quote-after-para": "para\n> not quote\n",
 "strike": "~~not strike~~ and \\~ tilde\n",
 "task": "- [ ] not a task\n- [x] nor this\n",
 "backslash-break": "a\\\nb\n",
 "header-ids": "# Hello World!\n\n# 123 Numbers\n\n# Hello World!\n\n# `code` *em*\n\n# Über\n",
 "readme": "# Project\n\nSome text with *emphasis*.\n\n## Install\n\n    $ make\n\n## Usage\n\n1. one\n2. two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
})
for k, v in kd_docs.items():
    case(KD, k, v)
OPT_SETS["opt-kramdown"] = "title: x\nkramdown:\n  input: kramdown\n"

# ---------------------------------------------------------------- smartify (Liquid filter)
SMARTIFY = [
 "\"Hello\" -- it's 'quoted'...", "plain text", "<b>\"bold\"</b> text", "a & b &amp; c", "<<x>> --- y",
 "line one\nline \"two\"", "'80s rock 'n' roll", "*not emph* `not code`", "<div>\n\"in div\"\n</div>\nafter",
 "&copy; 2024", "x < y > z", "don't", "\"", "", "  spaced  ",
]

# ---------------------------------------------------------------- regressions found by differential runs
RG = "regressions"
regs = {
 "leading-blank-lines": "\n\nTitle\n-----\n\ntext\n",
 "leading-spaces-line": "\n   indented start\n",
 "fence-gives-back-backtick": "text\n\n````\ncode\n```\nmore\n",
 "fence-info-with-space": "````{admonition} Example\nbody\n````\n",
 "id-variation-selector": "### \u26a0\ufe0f Warning\n\n## Caf\u00e9 \u00b2 \u2460 x\n",
 "laquo-in-header": "## << 42 x\n\n## a >> b\n\n## << >>\n",
 "table-pipe-in-html-only": "###<b> : a_b |\n",
 "table-pipe-in-code-only": "a `|` b\n",
 "block-math-then-para": "$$x < y$$\n\nInline $$a^2$$ here.\n",
}
for k, v in regs.items():
    case(RG, k, v)

CONFIGS = {
    "code-nohl": "title: x\nhighlighter: none\n",
    **OPT_SETS,
}

def main():
    root = os.path.join("tests", "fixtures")
    for group, cases in CASES.items():
        site = os.path.join(root, f"markdown-{group}", "site")
        if os.path.isdir(site):
            shutil.rmtree(site)
        os.makedirs(os.path.join(site, "cases"))
        with open(os.path.join(site, "_config.yml"), "w") as f:
            f.write(CONFIGS.get(group, "title: x\n"))
        names = set()
        for i, (name, text, front) in enumerate(cases):
            fname = f"{i:03d}-{name}.md"
            assert fname not in names
            names.add(fname)
            with open(os.path.join(site, "cases", fname), "w", newline="") as f:
                f.write("---\n" + front + "---\n" + text)
    site = os.path.join(root, "markdown-smartify", "site")
    if os.path.isdir(site):
        shutil.rmtree(site)
    os.makedirs(os.path.join(site, "cases"))
    with open(os.path.join(site, "_config.yml"), "w") as f:
        f.write("title: x\n")
    for i, t in enumerate(SMARTIFY):
        with open(os.path.join(site, "cases", f"{i:03d}.html"), "w") as f:
            f.write("---\n---\n{% capture x %}" + t + "{% endcapture %}{{ x | smartify }}")
    print(sum(len(c) for c in CASES.values()), "cases,", len(SMARTIFY), "smartify cases")

if __name__ == "__main__":
    main()
