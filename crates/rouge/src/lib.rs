//! Syntax highlighting token-for-token as Rouge 3.30.
