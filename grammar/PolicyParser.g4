// The payer policy language. A file declares payers and policies; a policy says whom it governs,
// which layer it extends, when it is in force, and the rules it adds or overrides.
parser grammar PolicyParser;

options { tokenVocab = PolicyLexer; }

policyFile : declaration* EOF ;

declaration
    : payerDecl
    | policyDecl
    ;

payerDecl : PAYER name text? (LBRACE planDecl* RBRACE)? ;

planDecl : PLAN name text? ;

policyDecl : POLICY name LBRACE policyItem* RBRACE ;

policyItem
    : TITLE text                                              # titleItem
    | SUMMARY text                                            # summaryItem
    | SOURCE text                                             # sourceItem
    | REVIEWED DATE                                           # reviewedItem
    | UPDATE WHEN text (COMMA text)*                          # updateItem
    | APPLIES TO (ALL PAYERS | PAYER name (PLAN name)?)       # appliesItem
    | EXTENDS name                                            # extendsItem
    | EFFECTIVE DATE (THROUGH DATE)?                          # effectiveItem
    | FROM text (QUARTER name)? LBRACE ruleItem* RBRACE       # fromBlock
    | ruleItem                                                # plainRule
    ;

// A rule a layer adds; 'override' when it changes what a layer below already set.
ruleItem : OVERRIDE? definition ;

definition
    : FAMILY name RANK INT text?                                          # familyDef
    | CODE codeRef text? LBRACE codeProp* RBRACE                          # codeDef
    | DRUG codeRef text name COMMA amount name PER UNIT (COMMA SINGLE_DOSE)? # drugDef
    | MUE codeRef mueCap (COMMA mueCap)*                                  # mueDef
    | PRIOR AUTHORIZATION REQUIRED FOR codeList                           # authRequiredDef
    | PRIOR AUTHORIZATION LIMITS UNITS OF codeList                        # authLimitsDef
    | AUDIT codeRef ABOVE INT UNITS                                       # auditDef
    | MODIFIER modifierList REQUIRED ON SINGLE_DOSE DRUG LINES            # drugModifierDef
    | MODIFIER modifierList ALLOWS SECOND INITIAL CODE                    # secondInitialDef
    | MODIFIER modifierList ALLOWED ON codeList                           # allowedModifierDef
    | RULE name LBRACE ruleProp* RBRACE                                   # ruleDef
    | TIMING LBRACE timingItem* RBRACE                                    # timingDef
    | INITIAL CODE IN name FOLLOWS name+                                  # initialCodeDef
    ;

// 'per line' (MAI 1), 'per day (policy)' (MAI 2), 'per day (clinical)' (MAI 3); nothing: a payer's own daily cap.
mueCap : name INT (PER (LINE | DAY LPAREN name RPAREN))? ;

codeProp
    : INITIAL                  # initialProp
    | ADD_ON OF codeList       # addOnProp
    | FAMILY name              # familyProp
    | METHOD name              # methodProp
    | ROLE name                # roleProp
    | UNIT PER name            # unitProp
    | name ONLY                # onlyProp
    | DESCRIPTION text         # descriptionProp
    | SOURCE text              # codeSourceProp
    ;

ruleProp
    : TITLE text               # ruleTitle
    | ACTION name              # ruleAction
    | CARC codeRef             # ruleCarc
    | RARC (NONE | codeList)   # ruleRarc
    | MESSAGE text             # ruleMessage
    | FIX text                 # ruleFix
    | APPEAL (NONE | text)     # ruleAppeal
    ;

timingItem : name+ (UP TO | AFTER) INT MINUTES ;

codeList     : codeRef (COMMA codeRef)* ;
modifierList : codeRef ((COMMA | OR) codeRef)* ;
codeRef      : INT | WORD ;
amount       : INT | DECIMAL ;
// Names are the author's words; a few keywords double as values (role initial, unit per drug, per day (policy)).
name         : WORD | INITIAL | DRUG | CODE | LINE | DAY | UNIT | UNITS | POLICY ;
// Adjacent strings join, so a long appeal text can run over several lines.
text         : STRING+ ;
