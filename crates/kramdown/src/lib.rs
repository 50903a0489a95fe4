//! Markdown to HTML exactly as kramdown 2.4 with the GFM parser writes it.
