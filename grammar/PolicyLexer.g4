// The tokens of the payer policy language. Keywords are reserved words; everything an author
// names (payers, plans, families, methods, settings...) is a WORD checked against what exists,
// so a misspelling gets "did you mean" from the checker instead of a syntax error.
lexer grammar PolicyLexer;

POLICY        : 'policy';
PAYER         : 'payer';
PLAN          : 'plan';
APPLIES       : 'applies';
TO            : 'to';
ALL           : 'all';
PAYERS        : 'payers';
EXTENDS       : 'extends';
EFFECTIVE     : 'effective';
THROUGH       : 'through';
TITLE         : 'title';
SUMMARY       : 'summary';
SOURCE        : 'source';
REVIEWED      : 'reviewed';
UPDATE        : 'update';
WHEN          : 'when';
FROM          : 'from';
QUARTER       : 'quarter';
OVERRIDE      : 'override';
FAMILY        : 'family';
RANK          : 'rank';
CODE          : 'code';
INITIAL       : 'initial';
ADD_ON        : 'add-on';
OF            : 'of';
METHOD        : 'method';
ROLE          : 'role';
UNIT          : 'unit';
PER           : 'per';
ONLY          : 'only';
DESCRIPTION   : 'description';
DRUG          : 'drug';
SINGLE_DOSE   : 'single-dose';
MUE           : 'mue';
LINE          : 'line';
DAY           : 'day';
PRIOR         : 'prior';
AUTHORIZATION : 'authorization';
REQUIRED      : 'required';
FOR           : 'for';
LIMITS        : 'limits';
UNITS         : 'units';
AUDIT         : 'audit';
ABOVE         : 'above';
MODIFIER      : 'modifier';
OR            : 'or';
ON            : 'on';
LINES         : 'lines';
ALLOWS        : 'allows';
SECOND        : 'second';
ALLOWED       : 'allowed';
RULE          : 'rule';
ACTION        : 'action';
CARC          : 'carc';
RARC          : 'rarc';
NONE          : 'none';
MESSAGE       : 'message';
FIX           : 'fix';
APPEAL        : 'appeal';
TIMING        : 'timing';
UP            : 'up';
AFTER         : 'after';
MINUTES       : 'minutes';
IN            : 'in';
FOLLOWS       : 'follows';

LBRACE : '{';
RBRACE : '}';
LPAREN : '(';
RPAREN : ')';
COMMA  : ',';

// Order matters where lengths tie: a date or a plain number is not a WORD.
DATE    : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT;
DECIMAL : DIGIT+ '.' DIGIT+;
INT     : DIGIT+;
WORD    : [A-Za-z0-9] [A-Za-z0-9_-]*;

STRING            : '"' ( ~["\\\r\n] | '\\' . )* '"';
UNTERMINATED      : '"' ( ~["\\\r\n] | '\\' . )*;

COMMENT : ('#' | '//') ~[\r\n]* -> channel(HIDDEN);
NEWLINE : ('\r'? '\n' | '\r') -> channel(HIDDEN);
WS      : [ \t\f]+ -> channel(HIDDEN);

// Anything else is reported by the parser as a character the language does not use.
UNKNOWN_CHAR : .;

fragment DIGIT : [0-9];
