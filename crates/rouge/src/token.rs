//! Rouge's token types. Only the short CSS class matters for output, but keeping
//! distinct variants matters for merging: Rouge merges adjacent tokens of the
//! *same type*, and every type has a distinct short name.

macro_rules! tokens {
    ($($name:ident => $class:literal,)*) => {
        /// A Rouge token type (`Token::Tokens::*`).
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        pub enum Token {
            $($name,)*
        }

        impl Token {
            /// The Pygments-style short class Rouge's HTML formatter writes.
            pub fn class(self) -> &'static str {
                match self {
                    $(Token::$name => $class,)*
                }
            }
        }
    };
}

tokens! {
    Text => "",
    Whitespace => "w",
    Escape => "esc",
    Error => "err",
    Other => "x",
    Keyword => "k",
    KeywordConstant => "kc",
    KeywordDeclaration => "kd",
    KeywordNamespace => "kn",
    KeywordPseudo => "kp",
    KeywordReserved => "kr",
    KeywordType => "kt",
    KeywordVariable => "kv",
    Name => "n",
    NameAttribute => "na",
    NameBuiltin => "nb",
    NameBuiltinPseudo => "bp",
    NameClass => "nc",
    NameConstant => "no",
    NameDecorator => "nd",
    NameEntity => "ni",
    NameException => "ne",
    NameFunction => "nf",
    NameFunctionMagic => "fm",
    NameProperty => "py",
    NameLabel => "nl",
    NameNamespace => "nn",
    NameOther => "nx",
    NameTag => "nt",
    NameVariable => "nv",
    NameVariableClass => "vc",
    NameVariableGlobal => "vg",
    NameVariableInstance => "vi",
    NameVariableMagic => "vm",
    Literal => "l",
    LiteralDate => "ld",
    Str => "s",
    StrAffix => "sa",
    StrBacktick => "sb",
    StrChar => "sc",
    StrDelimiter => "dl",
    StrDoc => "sd",
    StrDouble => "s2",
    StrEscape => "se",
    StrHeredoc => "sh",
    StrInterpol => "si",
    StrOther => "sx",
    StrRegex => "sr",
    StrSingle => "s1",
    StrSymbol => "ss",
    Num => "m",
    NumBin => "mb",
    NumFloat => "mf",
    NumHex => "mh",
    NumInteger => "mi",
    NumIntegerLong => "il",
    NumOct => "mo",
    NumOther => "mx",
    Operator => "o",
    OperatorWord => "ow",
    Punctuation => "p",
    PunctuationIndicator => "pi",
    Comment => "c",
    CommentHashbang => "ch",
    CommentDoc => "cd",
    CommentMultiline => "cm",
    CommentPreproc => "cp",
    CommentPreprocFile => "cpf",
    CommentSingle => "c1",
    CommentSpecial => "cs",
    Generic => "g",
    GenericDeleted => "gd",
    GenericEmph => "ge",
    GenericError => "gr",
    GenericHeading => "gh",
    GenericInserted => "gi",
    GenericOutput => "go",
    GenericPrompt => "gp",
    GenericStrong => "gs",
    GenericSubheading => "gu",
    GenericTraceback => "gt",
    GenericLineno => "gl",
}

#[cfg(test)]
mod tests {
    use super::Token;

    #[test]
    fn short_classes() {
        for (tok, class) in [
            (Token::Text, ""),
            (Token::Keyword, "k"),
            (Token::NameFunction, "nf"),
            (Token::StrDouble, "s2"),
            (Token::PunctuationIndicator, "pi"),
            (Token::Escape, "esc"),
        ] {
            assert_eq!(tok.class(), class);
        }
    }
}
