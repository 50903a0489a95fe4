#!/usr/bin/env python3
"""Generates a synthetic academic/blog site of N documents, deterministically,
as a Jekyll site and as an equivalent Hugo site (same pages, same content,
templates doing the same work), for bench/run.

    bench/gen.py N OUT [--posts-share 0.8] [--includes 3] [--listings 4]

writes OUT/jekyll/ and OUT/hugo/. Posts carry tags and categories, the rest
are documents of a `publications` collection; pages chain two layouts, call
includes with parameters, and archive pages loop over every post and
publication (the listings that make Jekyll slow on big sites).

`--listings L` puts L listing blocks on every document page, as academic
and blog themes do: recent posts, recent publications, tag links, and
previous/next links; with L > 0 the site also gets a tags archive and a
by-year archive. With the default, 4, Jekyll takes ~3.0 ms a page at
N = 1,000 on this machine (quiet); the issue's reference site took 8.6 ms,
so this site is still the lighter one. L = 0 is the site of earlier
measurements (2.5 ms a page).

OUT/floor.txt lists each document's source and output path, so the floor
(examples/floor.rs) writes the same files into the same folders.
"""

import argparse
import os
import random

WORDS = (
    "model data theory diffusion alignment sampling bound gradient kernel proof "
    "estimate network training safety evaluation language vision markov process "
    "score matching flow convergence error rate prior posterior inference"
).split()
TAGS = ["ml", "theory", "safety", "stats", "rust", "notes", "talks", "code"]
CATEGORIES = ["research", "teaching", "blog"]


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def body(rng):
    paras = []
    for i in range(rng.randint(3, 6)):
        paras.append(" ".join(sentence(rng, rng.randint(6, 14)) for _ in range(rng.randint(2, 4))))
    paras.insert(1, "## " + sentence(rng, 4)[:-1])
    paras.append("- " + sentence(rng, 5) + "\n- *" + sentence(rng, 4) + "*\n- [a link](https://example.org/" + rng.choice(WORDS) + ")")
    return "\n\n".join(paras) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


JEKYLL_LISTINGS = [
    '<aside class="recent"><h3>Recent posts</h3><ul>{% for p in site.posts limit: 5 %}<li><a href="{{ p.url | relative_url }}">{{ p.title }}</a></li>{% endfor %}</ul></aside>',
    '<aside class="pubs"><h3>Publications</h3><ul>{% for p in site.publications limit: 5 %}<li><a href="{{ p.url | relative_url }}">{{ p.title }}</a> <em>{{ p.venue }}</em></li>{% endfor %}</ul></aside>',
    '<p class="taglinks">{% for t in page.tags %}<a href="{{ "/tags/" | relative_url }}#{{ t | slugify }}">{{ t }}</a> {% endfor %}</p>',
    '<nav class="pager">{% if page.previous %}<a href="{{ page.previous.url | relative_url }}">{{ page.previous.title }}</a>{% endif %}{% if page.next %}<a href="{{ page.next.url | relative_url }}">{{ page.next.title }}</a>{% endif %}</nav>',
]

HUGO_LISTINGS = [
    '<aside class="recent"><h3>Recent posts</h3><ul>{{ range first 5 (.Site.GetPage "/posts").Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></aside>',
    '<aside class="pubs"><h3>Publications</h3><ul>{{ range first 5 (.Site.GetPage "/publications").Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <em>{{ .Params.venue }}</em></li>{{ end }}</ul></aside>',
    '<p class="taglinks">{{ range .Params.tags }}<a href="{{ "/tags/" | relURL }}#{{ . | urlize }}">{{ . }}</a> {{ end }}</p>',
    '<nav class="pager">{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>',
]


def listings(table, n):
    return "\n".join(table[i % len(table)] for i in range(n))


def jekyll_site(out, docs, includes, nlist):
    write(f"{out}/_config.yml", """title: Bench site
url: https://bench.example.org
permalink: /:categories/:year/:month/:day/:title/
collections:
  publications:
    output: true
    permalink: /publication/:path/
defaults:
  - scope: {path: "", type: posts}
    values: {layout: post}
  - scope: {path: "", type: publications}
    values: {layout: post}
""")
    write(f"{out}/_layouts/default.html", """<!doctype html>
<html><head>{% include head.html title=page.title %}</head>
<body>{% include nav.html %}
<main>{{ content }}</main>
<footer>&copy; {{ site.time | date: "%Y" }} {{ site.title }}</footer></body></html>
""")
    meta = "\n".join(
        '{%% include meta.html label="m%d" value=page.title %%}' % i for i in range(includes)
    )
    write(f"{out}/_layouts/post.html", """---
layout: default
---
<article><h1>{{ page.title }}</h1>
<p class="date">{{ page.date | date: "%B %-d, %Y" }}</p>
""" + meta + """
{{ content }}
""" + listings(JEKYLL_LISTINGS, nlist) + """
{% if page.tags.size > 0 %}<ul class="tags">{% for t in page.tags %}<li>{{ t }}</li>{% endfor %}</ul>{% endif %}
</article>
""")
    write(f"{out}/_includes/head.html", '<meta charset="utf-8"><title>{{ include.title | default: site.title | escape }}</title>\n')
    write(f"{out}/_includes/nav.html", '<nav><a href="{{ "/" | relative_url }}">Home</a> <a href="{{ "/archive/" | relative_url }}">Archive</a></nav>\n')
    write(f"{out}/_includes/meta.html", '<span class="{{ include.label }}">{{ include.value | upcase | truncate: 30 }}</span>\n')
    write(f"{out}/index.html", """---
layout: default
title: Home
---
{% for post in site.posts limit: 10 %}<h2><a href="{{ post.url | relative_url }}">{{ post.title }}</a></h2>
<p>{{ post.excerpt | strip_html | truncatewords: 20 }}</p>
{% endfor %}
""")
    write(f"{out}/archive.html", """---
layout: default
title: Archive
permalink: /archive/
---
{% for post in site.posts %}<li>{{ post.date | date: "%Y-%m-%d" }} <a href="{{ post.url }}">{{ post.title }}</a></li>
{% endfor %}
{% for pub in site.publications %}<li><a href="{{ pub.url }}">{{ pub.title }}</a> ({{ pub.venue }})</li>
{% endfor %}
""")
    if nlist:
        write(f"{out}/tags.html", """---
layout: default
title: Tags
permalink: /tags/
---
{% for tag in site.tags %}<h2 id="{{ tag[0] | slugify }}">{{ tag[0] }}</h2>
<ul>{% for p in tag[1] %}<li><a href="{{ p.url | relative_url }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endfor %}
""")
        write(f"{out}/years.html", """---
layout: default
title: Years
permalink: /years/
---
{% assign years = site.posts | group_by_exp: "p", "p.date | date: '%Y'" %}{% for y in years %}<h2>{{ y.name }}</h2>
<ul>{% for p in y.items %}<li>{{ p.date | date: "%b %-d" }} <a href="{{ p.url | relative_url }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endfor %}
""")
    for i, d in enumerate(docs):
        fm = [f'title: "{d["title"]}"']
        if d["kind"] == "post":
            fm.append(f'tags: [{", ".join(d["tags"])}]')
            fm.append(f'categories: [{d["category"]}]')
            path = f'{out}/_posts/{d["date"]}-{d["slug"]}.md'
        else:
            fm.append(f'venue: "{d["venue"]}"')
            fm.append(f'date: {d["date"]}')
            path = f'{out}/_publications/{d["slug"]}.md'
        write(path, "---\n" + "\n".join(fm) + "\n---\n" + d["body"])


def hugo_site(out, docs, includes, nlist):
    write(f"{out}/config.toml", """baseURL = "https://bench.example.org/"
title = "Bench site"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[permalinks]
  posts = "/:sections/:year/:month/:day/:slug/"
  publications = "/publication/:filename/"
[markup.goldmark.renderer]
  unsafe = true
""")
    write(f"{out}/layouts/_default/baseof.html", """<!doctype html>
<html><head>{{ partial "head.html" (dict "title" .Title "site" .Site) }}</head>
<body>{{ partial "nav.html" . }}
<main>{{ block "main" . }}{{ end }}</main>
<footer>&copy; {{ now.Format "2006" }} {{ .Site.Title }}</footer></body></html>
""")
    meta = "\n".join(
        '{{ partial "meta.html" (dict "label" "m%d" "value" .Title) }}' % i for i in range(includes)
    )
    write(f"{out}/layouts/_default/single.html", """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p class="date">{{ .Date.Format "January 2, 2006" }}</p>
""" + meta + """
{{ .Content }}
""" + listings(HUGO_LISTINGS, nlist) + """
{{ with .Params.tags }}<ul class="tags">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
</article>{{ end }}
""")
    write(f"{out}/layouts/_default/list.html", '{{ define "main" }}{{ .Content }}{{ end }}\n')
    write(f"{out}/layouts/partials/head.html", '<meta charset="utf-8"><title>{{ .title | default .site.Title }}</title>\n')
    write(f"{out}/layouts/partials/nav.html", '<nav><a href="{{ "/" | relURL }}">Home</a> <a href="{{ "/archive/" | relURL }}">Archive</a></nav>\n')
    write(f"{out}/layouts/partials/meta.html", '<span class="{{ .label }}">{{ .value | upper | truncate 30 }}</span>\n')
    write(f"{out}/layouts/index.html", """{{ define "main" }}{{ range first 10 (where .Site.RegularPages "Section" "posts") }}<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Summary | plainify | truncate 120 }}</p>
{{ end }}{{ end }}
""")
    write(f"{out}/layouts/archive/single.html", """{{ define "main" }}{{ range where .Site.RegularPages "Section" "posts" }}<li>{{ .Date.Format "2006-01-02" }} <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}{{ range where .Site.RegularPages "Section" "publications" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ .Params.venue }})</li>
{{ end }}{{ end }}
""")
    write(f"{out}/content/archive.md", '---\ntitle: Archive\nurl: /archive/\ntype: archive\nlayout: single\n---\n')
    if nlist:
        # Jekyll's site.tags is sorted by name and holds the tags in use.
        used = sorted({t for d in docs if d["kind"] == "post" for t in d["tags"]})
        write(f"{out}/layouts/tagsarchive/single.html", """{{ define "main" }}{{ $posts := where .Site.RegularPages "Section" "posts" }}{{ range slice """ + " ".join(f'"{t}"' for t in used) + """ }}<h2 id="{{ . | urlize }}">{{ . }}</h2>
<ul>{{ range where $posts "Params.tags" "intersect" (slice .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}{{ end }}
""")
        write(f"{out}/content/tags-archive.md", '---\ntitle: Tags\nurl: /tags/\ntype: tagsarchive\nlayout: single\n---\n')
        write(f"{out}/layouts/years/single.html", """{{ define "main" }}{{ range (where .Site.RegularPages "Section" "posts").GroupByDate "2006" }}<h2>{{ .Key }}</h2>
<ul>{{ range .Pages }}<li>{{ .Date.Format "Jan 2" }} <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}{{ end }}
""")
        write(f"{out}/content/years.md", '---\ntitle: Years\nurl: /years/\ntype: years\nlayout: single\n---\n')
    for d in docs:
        fm = [f'title: "{d["title"]}"', f'date: {d["date"]}']
        if d["kind"] == "post":
            fm.append(f'tags: [{", ".join(d["tags"])}]')
            fm.append(f'slug: "{d["slug"]}"')
            path = f'{out}/content/posts/{d["date"]}-{d["slug"]}.md'
        else:
            fm.append(f'venue: "{d["venue"]}"')
            path = f'{out}/content/publications/{d["slug"]}.md'
        write(path, "---\n" + "\n".join(fm) + "\n---\n" + d["body"])


def floor_paths(docs):
    """(source, output) paths relative to the Jekyll site and its
    destination, for the permalinks _config.yml sets."""
    for d in docs:
        if d["kind"] == "post":
            y, m, day = d["date"].split("-")
            yield f'_posts/{d["date"]}-{d["slug"]}.md', f'{d["category"]}/{y}/{m}/{day}/{d["slug"]}/index.html'
        else:
            yield f'_publications/{d["slug"]}.md', f'publication/{d["slug"]}/index.html'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--posts-share", type=float, default=0.8)
    ap.add_argument("--includes", type=int, default=3)
    ap.add_argument("--listings", type=int, default=4)
    args = ap.parse_args()
    rng = random.Random(42)
    docs = []
    for i in range(args.n):
        kind = "post" if rng.random() < args.posts_share else "publication"
        year = 2010 + i * 13 // max(args.n, 1)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = sentence(rng, rng.randint(3, 7))[:-1]
        docs.append({
            "kind": kind,
            "date": date,
            "slug": f"doc-{i:06d}",
            "title": title.replace('"', ""),
            "tags": rng.sample(TAGS, rng.randint(0, 3)),
            "category": rng.choice(CATEGORIES),
            "venue": rng.choice(["NeurIPS", "ICML", "JMLR", "arXiv"]),
            "body": body(rng),
        })
    jekyll_site(os.path.join(args.out, "jekyll"), docs, args.includes, args.listings)
    hugo_site(os.path.join(args.out, "hugo"), docs, args.includes, args.listings)
    write(os.path.join(args.out, "floor.txt"), "".join(f"{src}\t{dest}\n" for src, dest in floor_paths(docs)))


if __name__ == "__main__":
    main()
