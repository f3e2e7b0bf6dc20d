/*
 * verify/extract_pat.c -- the combined pattern that finds, in one pass
 * over a sentence, every token the extractor needs (figures, dates, year
 * and month expressions, qualifiers, change, target and measure words),
 * and the decoding of its matches into struct tok.
 *
 * One pattern, one pass.  Every alternative ends in (*MARK:n), n indexing
 * entries[], so the scanner knows which one matched without testing
 * groups.  For speed the pattern is laid out so that a position costs
 * only a few tests:
 *
 *   (?<!WORDCH)                   positions inside words fail at once (an
 *                                 explicit class: \w under UCP looks up
 *                                 Unicode properties)
 *   (?:(?=[0-9])(?:date|quarter|months|year)   digit-initial expressions
 *     | (?=guard) figure                       numbers with their units
 *     | word-tree)                             words
 *   (?(DEFINE) month, number-word and currency lists; the currency
 *              lists as trees too)
 *
 * The pattern is compiled anchored: xpat_scan runs it only at the
 * positions where a token may start, which extract_cand.c finds from the
 * word alternatives' literal prefixes (most word starts of a sentence
 * start no token, and PCRE2 has a high fixed cost at each position).
 *
 * The word alternatives of all entries (keywords, month names, "first
 * quarter", "four months") are split at their top-level '|' and grouped
 * by first character, and within a group by second character; the groups
 * hang in a binary tree of conditionals on the first character, so that a
 * word start costs a few class tests.  Alternatives keep their table order
 * among those that can match the same text: longer phrases come before
 * the words they start with ("up to" before "up").  Prepositions before
 * years and months ("by", "compared with", "к") are read by C
 * (prep_before), not by the pattern.
 */
#include "verify/extract_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- pattern pieces ---------------------------------------------------- */

#define APO "[\\x{2019}\\x{2018}\\x{02BB}\\x{02BC}'`\\x{00B4}]"
#define DSH "[\\-\\x{2010}-\\x{2015}\\x{2212}]"
#define YR "(?:19|20)[0-9]{2}"
/* numbers: Indian grouping ("12,34,567.89"), thousands groups (comma,
 * dot, space, NBSP, thin space), plain; a decimal point with spaces
 * around it as tokenised text writes it ("1 . 6") */
#define NUM                                                                  \
    "(?:[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9])(?:\\.[0-9]+)?"           \
    "|[0-9]{1,3}(?:(?:[,.]|[ \\x{a0}\\x{2009}\\x{202f}])[0-9]{3})+"         \
    "(?![0-9])(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+| \\. [0-9]+(?![0-9]))?)"
/* a stray space inside a word, as PDF extraction leaves ("b illion") */
#define SP "[ \\x{a0}]?"
/* scale words and abbreviations (the latter end at a word end), as lists
 * for a tree like the currency words below: (?&scl) */
#define SCALE_WORD_LIST                                                      \
    "t" SP "r" SP "i" SP "l" SP "l" SP "i" SP "o" SP "n|триллион"            \
    "|b" SP "i" SP "l" SP "l" SP "i" SP "o" SP "n"                           \
    "|m" SP "i" SP "l" SP "l" SP "i" SP "a" SP "r" SP "d|миллиард|milyard"   \
    "|m" SP "i" SP "l" SP "l" SP "i" SP "o" SP "n|миллион|milyon"            \
    "|t" SP "h" SP "o" SP "u" SP "s" SP "a" SP "n" SP "d|тысяч|ming|минг"    \
    "|lakh|lac|crores?"
#define SCALE_ABBR_LIST                                                      \
    "trln|трлн|bln|bn|mlrd|млрд|mln|mn|млн|тыс|k|b|m"
/* The currency words, as lists of alternatives that each start with a
 * literal character, so that build() can hang each list in a tree over
 * its first characters (see emit_tree): a figure or a year tests what
 * follows it against these lists, and tried one by one they cost
 * thousands of cycles.  The country before a currency word: "US
 * dollars", "Swiss francs" (followed by white space). */
#define CUR_ADJ_LIST                                                         \
    "AQSh|AQШ|АҚШ|US|U\\.S\\.|american|canadian|australian"                \
    "|new\\s+zealand|hong\\s+kong|singapore|taiwan(?:ese)?|mexican"         \
    "|argentin(?:e|ian)|chilean|colombian|philippine|swiss|french|belgian"  \
    "|chinese|japanese|british|turkish|italian|indian|pakistani"            \
    "|sri\\s+lankan|nepalese|finnish|dutch|german|deutsche?|russian"        \
    "|kazakh(?:stani)?|uzbek(?:istani)?|kyrgyz|swedish|norwegian|danish"    \
    "|czech|polish|brazilian|south\\s+african|south\\s+korean|korean"
/* currency names; those of CUR_NAMES_W must end at a word end */
#define CUR_NAMES                                                            \
    "dollar|доллар|долл\\.?(?:\\s?США)?|euros?(?!\\w)|yevro|евро"           \
    "|tenge|тенге|теңге|rubl|рубл|руб\\.?|yuan|юан"                          \
    "|so" APO "m|сўм|сум(?=(?:ов|а|ы|ах)?(?!\\w))"
#define CUR_NAMES_W                                                          \
    "yen|pounds?|pence|penn(?:y|ies)|cents?|francs?"                         \
    "|pesos?|rupees?|lira|lire|markkaa?|guilders?|gulden|pesetas?"          \
    "|rubles?|roubles?|renminbi|rmb|reais|zlotys?|hryvnias?|manats?"        \
    "|riyals?|rials?|dirhams?|dinars?|shekels?|baht|ringgits?|rupiahs?"     \
    "|nairas?|somoni|colón|colones|kronor|kroner|krona|krone|sterling"      \
    "|soums?|eurocents?"
#define CUR_NAMES_RU                                                         \
    "deutschmarks?(?!\\w)"                                                   \
    "|иен\\w*|йен\\w*|фунт\\w*(?:\\s+стерлинг\\w*)?|франк\\w*|рупи\\w*"      \
    "|лир(?:а|ы|у|ой)?(?!\\w)|цент(?:а|ов|ы)?(?!\\w)|funt\\w*|frank\\w*"     \
    "|iyena?\\w*|yena?\\w*|sent(?:i|lar\\w*)?(?!\\w)|манат\\w*|лари(?!\\w)"  \
    "|гривн\\w*|сомони(?!\\w)"
/* a currency word: (?&cadj), (?&cname) and (?&isoc) are the trees */
#define CUR_WORD                                                             \
    "(?:(?&cadj)\\s+)?(?&cname)"                                             \
    "|(?&cadj)\\s+(?:marks?|won|rand|real|som)(?!\\w)"
#define ISO_CODES                                                            \
    "USD|EUR|GBP|JPY|CNY|CHF|CAD|AUD|NZD|HKD|SGD|INR|PKR|LKR|MXN|BRL|ZAR"    \
    "|SEK|NOK|DKK|PLN|CZK|HUF|KRW|TWD|THB|MYR|IDR|VND|AED|SAR|QAR|KWD|EGP"  \
    "|NGN|ILS|UAH|KZT|UZS|RUB|KGS|TJS|TMT|AZN|GEL|BYN|RON|BGN|ARS|CLP|COP"
/* codes after a number ("115 USD", "30 MUSD"); TRY and PHP only in
 * capitals (they are English words too) */
#define CUR_CODE                                                             \
    "(?:M?(?&isoc)|(?-i:TRY|PHP)|rmb)(?!\\w)"
/* currency symbols, before or after a number */
#define CUR_SYM                                                              \
    "$\\x{20ac}\\x{00a3}\\x{20b8}\\x{20bd}\\x{00a5}\\x{20b9}\\x{20a9}"      \
    "\\x{20ba}\\x{20b4}\\x{20a1}\\x{20be}\\x{20ad}\\x{20a6}\\x{20b1}"       \
    "\\x{0e3f}\\x{20aa}\\x{20ab}\\x{20bc}"
#define CUR_POST                                                             \
    "[\\x{20ac}\\x{00a3}\\x{20b8}\\x{20bd}\\x{00a5}\\x{20b9}\\x{20a9}"      \
    "\\x{20ba}\\x{20b4}\\x{20a1}\\x{20be}\\x{20ad}\\x{20a6}\\x{20b1}"       \
    "\\x{0e3f}\\x{20aa}\\x{20ab}\\x{20bc}\\x{5143}\\x{5186}]"               \
    "|\\x{0bb0}\\x{0bc2}|\\$(?!\\s?[0-9])"
/* English number words (money written out: "five million yen") */
#define WNUM_DEF                                                             \
    "(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve" \
    "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"  \
    "|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand"       \
    "|million|billion|trillion|half|quarters?|and|a)(?!\\w)"
#define PCT_W                                                                \
    "%|percent(?:age)?(?:\\s+points?)?|per\\s?cent|pct\\.?|p\\.\\s?p\\."     \
    "|pp(?!\\w)|п\\.\\s?п\\.|процентн\\w*\\s+пункт|процент"                 \
    "|foiz(?:\\s+punkt)?|фоиз(?:\\s+пункт)?"
/* Guards: each of these lists, after optional white space, starts with a
 * letter, '%' or a currency symbol, never with white space itself.  So
 * the white space before them is taken possessively ("\\s{0,2}+": giving
 * some back could only put a space where the list starts), and a lookahead
 * that refuses a digit or punctuation there (PUNCT: how most numbers end,
 * "In 2019, ...") spares the list trees, which cost a thousand
 * instructions a try.  Neither changes what matches. */
#define PUNCT "[0-9,.;:()!?/\\[\\]]"
#define PUNCT_DASH "[0-9,.;:()!?/\\[\\]\\-\"']"
#define AMOUNT                                                               \
    "\\s{0,2}+(?:(?&scl)|(?&curw)"                                         \
    "|%|percent|foiz|процент)"
#define NOT_AMOUNT "(?!(?!\\s{0,2}" PUNCT_DASH ")(?&amt))"
#define QUNIT_LIST "quarter|qtr\\.?|chora[kg]\\w*|чора[кг]\\w*|квартал\\w*"
#define QUNIT "(?:" QUNIT_LIST ")"
#define HUNIT_LIST                                                           \
    "half|yarim\\s+yilli[kg]\\w*|yarm\\w*|ярим\\s+йилли[кг]\\w*|ярм\\w*"         \
    "|полугоди\\w*"
#define HUNIT "(?:" HUNIT_LIST ")"
#define QHU_DEF "\\s*" DSH "?\\s*(?:" QUNIT "|" HUNIT ")"
#define QHU "(?&qhu)"
#define MUNIT "(?&munit)"
#define MUNIT_LIST                                                           \
    "months?|oy(?:i|ida|da|lik\\w*|lar\\w*|ning|dagi|ga)?"                    \
    "|ой(?:и|ида|да|лик\\w*|лар\\w*)?|месяц\\w*|мес\\."
#define MUNIT_DEF "\\s*" DSH "?\\s*(?:" MUNIT_LIST ")(?!\\w)"
#define UZ_MSFX "(?:i|ida|idan|igacha|da|dan|ning|ga|gacha|dagi)?(?!\\w)"
#define EN_MEND "(?!\\w)\\.?"
/* month names, one alternative each (used in the trie and in (?&mon)) */
#define MONTHS                                                               \
    "jan(?:uary)?" EN_MEND "|feb(?:ruary)?" EN_MEND "|mar(?:ch)?" EN_MEND    \
    "|apr(?:il)?" EN_MEND "|may(?!\\w)|june?" EN_MEND "|july?" EN_MEND       \
    "|aug(?:ust)?" EN_MEND "|sep(?:t(?:ember)?)?" EN_MEND                    \
    "|oct(?:ober)?" EN_MEND "|nov(?:ember)?" EN_MEND "|dec(?:ember)?" EN_MEND \
    "|yanvar" UZ_MSFX "|fevral" UZ_MSFX "|mart" UZ_MSFX "|aprel" UZ_MSFX    \
    "|may" UZ_MSFX "|iyun" UZ_MSFX "|iyul" UZ_MSFX "|avgust" UZ_MSFX         \
    "|sent[a-z]?abr" UZ_MSFX "|okt[a-z]?abr" UZ_MSFX "|noyabr" UZ_MSFX       \
    "|dekabr" UZ_MSFX "|январ\\w*|феврал\\w*|апрел\\w*|июн\\w*|июл\\w*"     \
    "|август\\w*|сентябр\\w*|октябр\\w*|ноябр\\w*|декабр\\w*"               \
    "|март(?:а|е|у|да|дан|гача|га)?(?!\\w)|ма[йяе](?:да|дан|гача|га)?(?!\\w)"
/* after a month: a second month of a range, a day and year ("April 7,
 * 2024"), the word "month(s)" / "oy" */
#define MCONT "(?&mcont)"
#define MCONT_DEF                                                            \
    "(?:(?:\\s*" DSH "\\s*|\\s+(?:to|through|thru|till|until|and|по|до)\\s+" \
    "|(?<=dan|дан)\\s+)(?&mon))?"                                            \
    "(?:\\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\\s+" YR "(?![0-9]))?"               \
    "(?:\\s+(?:oy\\w*|ой\\w*|months?(?!\\w)))?"
/* after the first number word of a written-out amount: more number words,
 * then the currency ("five million yen", "one-yen", "a million dollars") */
#define WREST                                                                \
    "(?:[\\s-]+(?&wn))*[\\s-]+(?&curw)\\w*"
#define WSCALE                                                               \
    "(?=[\\s-]+(?:(?:a\\s+)?(?:half|quarters?)\\s+)?(?:a\\s+)?"                  \
    "(?:hundred|thousand|million|billion|trillion)(?!\\w))"
#define NUMWORDS                                                             \
    "eleven|twelve|one|two|three|four|five|six|seven|eight|nine|ten"         \
    "|o" APO "n\\s+bir|o" APO "n\\s+ikki|bir|ikki|uch|to" APO "?rt|besh"     \
    "|olti|yetti|sakkiz|to" APO "?qqiz|o" APO "n|ўн\\s+бир|ўн\\s+икки|бир"   \
    "|икки|уч|тўрт|беш|олти|етти|саккиз|тўққиз|ўн|одиннадцат\\w*"           \
    "|двенадцат\\w*|один|одного|два|двух|три|трех|трёх|четыр\\w*|пят\\w*"   \
    "|шест\\w*|семь|семи|восьм\\w*|восемь|девят\\w*|десят\\w*"
#define FIRSTW "first|birinchi|биринчи|перв\\w*"
#define ORDW                                                                 \
    "first|second|third|fourth|birinchi|ikkinchi|uchinchi|to" APO "?rtinchi" \
    "|биринчи|иккинчи|учинчи|тўртинчи|перв\\w*|втор\\w*|трет\\w*"           \
    "|четв[её]рт\\w*|iv|iii|ii|i"

/* after a year: its suffix ("2024-yilda", "2024 году"), the postposition
 * after it, the word joining a range ("2016 to 2024") */
#define YSFX "yil\\w*|йил\\w*|год\\w*|гг?\\.|y\\.(?!\\w)|г(?!\\w)"
#define YPOST                                                                \
    "nisbatan|solishtirganda|borib|qadar|нисбатан|бориб"                    \
    "|қадар|yakun\\w*|якун\\w*|holatiga|ma" APO "lumot\\w*"
#define YTO "to|through|по|до"

/* ---- the table -------------------------------------------------------- */

enum block { B_DIGIT, B_FIG, B_TRIE };

struct entry {
    enum tok_kind kind;
    int sub;
    bool than;
    enum block block;
    bool word;       /* trie: alternatives must end at a word end */
    const char *re;  /* trie: alternatives split at top-level '|'; each
                        must start with a literal character */
    const char *each; /* trie: appended to every alternative */
};

static const struct entry entries[] = {
    /* digit-initial */
    /* (the lookaheads first: what each form needs after its first digits;
     * they spare the rest at most numbers and change no match) */
    {TK_DATE, 0, false, B_DIGIT, false,
     "(?=[0-9]{1,4}(?:[\\s.\\-\\x{2010}-\\x{2015}\\x{2212}]|[yй]))"
     "(?<![0-9.,])(?:"
     "(?<iso>" YR "-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))(?![0-9])"
     "|(?<dd>0?[1-9]|[12][0-9]|3[01])\\.(?<dm>0?[1-9]|1[0-2])\\.(?<dy>" YR
     ")(?![0-9])"
     "|(?<d1>[0-9]{1,2})(?:\\s*" DSH "\\s*|\\s+)(?<dmo1>(?&mon)),?\\s*(?<dy1>"
     YR ")(?![0-9])(?:\\s*" DSH "?\\s*(?:yil\\w*|йил\\w*|год\\w*|г\\.))?"
     "|(?<dy3>" YR ")\\s*" DSH "?\\s*(?:yil\\w*|йил\\w*)\\s+(?<d3>[0-9]{1,2})"
     "\\s*" DSH "?\\s*(?<dmo3>(?&mon)))",
     NULL},
    {TK_QH, 0, false, B_DIGIT, false,
     "(?=[1-4](?:st|nd|rd|th)?\\s*" DSH "?\\s*[qcчкhyяп])"
     "(?:(?<![.,])[1-4](?:st|nd|rd|th)?" QHU "|[1-4]q(?!\\w))", NULL},
    {TK_NMON, 0, false, B_DIGIT, false,
     "(?=[0-9]{1,2}\\s*" DSH "?\\s*[moмо])(?<![.,])[0-9]{1,2}" MUNIT, NULL},
    {TK_YEAR, 0, false, B_DIGIT, false,
     "(?<![.,/])(?<y1>" YR ")(?![0-9]|[.,][0-9])" NOT_AMOUNT
     "(?:\\s*" DSH "\\s*(?<y2>" YR "|[0-9]{2})(?![0-9])" NOT_AMOUNT
     "|\\s+(?:" YTO ")\\s+(?<y3>" YR ")(?![0-9]))?"
     "(?:\\s*" DSH "?\\s*(?<ysfx>" YSFX "))?"
     "(?:\\s+(?<ypost>" YPOST "))?",
     NULL},
    /* numbers, with their currency, scale and percent words */
    {TK_FIG, 0, false, B_FIG, false,
     "(?=[0-9~\\x{2248}<>\\x{2264}\\x{2265}+\\-\\x{2212}" CUR_SYM "])"
     "(?<![.,])(?<!\\w" DSH ")"
     "(?:(?<qsym>[~\\x{2248}<>\\x{2264}\\x{2265}])\\s?)?"
     "(?<sign>[+\\-\\x{2212}](?=[0-9" CUR_SYM "]))?"
     "(?:(?<cpre>[" CUR_SYM "])\\s?)?"
     "(?<num>" NUM ")"
     "(?:\\s?" DSH "\\s?(?<num2>" NUM "))?"
     "(?:(?!\\s{0,2}" PUNCT_DASH ")\\s{0,2}+(?<scale>(?&scl))(?<ssfx>\\w*))?"
     "(?:(?!\\s{0,4}" PUNCT ")(?:\\s{0,4}+|-(?=\\pL))(?:(?<pct>" PCT_W
     ")(?<psfx>\\w*)|(?<cur>"
     "(?&curw)|" CUR_POST ")(?<csfx>\\w*)"
     /* a scale word after a code: "75 USD million" (not the one-letter
      * forms: "15 EUR m") */
     "(?:(?<=[A-Z])\\s{1,2}+(?<cscl>(?&scl))(?<=\\w\\w)(?<cssfx>\\w*))?))?",
     NULL},

    /* word-initial: the trie */
    {TK_URL, 0, false, B_TRIE, false,
     "https?://[^\\s<>\"]+|www\\.[^\\s<>\"]+", NULL},
    /* currency written before a number: "USD 1.7 bln", "US$3.8 bn" */
    {TK_CURPRE, 0, false, B_TRIE, false,
     "us\\s?\\$|u\\.\\s?s\\.?\\s?\\$|usd\\s?\\$|hkd?\\s?\\$|a\\$|au\\s?\\$"
     "|aud\\s?\\$|c\\s?\\$|ca\\s?\\$|can\\s?\\$|cdn\\s?\\$|cad\\s?\\$"
     "|nzd?\\s?\\$|s\\$|sgd?\\s?\\$|nt\\s?\\$|r\\$|mex\\s?\\$|rs\\.?"
     "|mxn?\\s?\\$|rmb|m(?:usd|eur|gbp|aud|cad|chf)|dollars?|" ISO_CODES,
     "(?=\\s?[0-9])"},
    {TK_MONTH, 0, false, B_TRIE, false, MONTHS, MCONT},
    {TK_QH, 0, false, B_TRIE, false,
     "q[1-4](?!\\w)|h[12](?!\\w)|first" QHU "|second" QHU "|third" QHU
     "|fourth" QHU "|birinchi" QHU "|ikkinchi" QHU "|uchinchi" QHU
     "|to" APO "?rtinchi" QHU "|биринчи" QHU "|иккинчи" QHU "|учинчи" QHU
     "|тўртинчи" QHU "|перв\\w*" QHU "|втор\\w*" QHU "|трет\\w*" QHU
     "|четв[её]рт\\w*" QHU "|iv" QHU "|iii" QHU "|ii" QHU "|i" QHU,
     NULL},
    {TK_NMON, 1, false, B_TRIE, true,
     "first\\s+(?:[0-9]{1,2}|(?&numw))" MUNIT
     "|birinchi\\s+(?:[0-9]{1,2}|(?&numw))" MUNIT
     "|dastlabki\\s+(?:[0-9]{1,2}|(?&numw))" MUNIT
     "|дастлабки\\s+(?:[0-9]{1,2}|(?&numw))" MUNIT
     "|биринчи\\s+(?:[0-9]{1,2}|(?&numw))" MUNIT
     "|перв\\w*\\s+(?:[0-9]{1,2}|(?&numw))" MUNIT,
     NULL},
    {TK_NMON, 0, false, B_TRIE, true, NUMWORDS, MUNIT},

    /* qualifiers before a figure; the "than" forms also mark a comparison
     * when they follow a rate ("3% less than") */
    {TK_QUAL, QQ_OVER, true, B_TRIE, true,
     "more\\s+than|greater\\s+than|higher\\s+than", NULL},
    {TK_QUAL, QQ_UNDER, true, B_TRIE, true,
     "less\\s+than|fewer\\s+than|lower\\s+than", NULL},
    {TK_QUAL, QQ_OVER, false, B_TRIE, true,
     "over|above|exceed(?:s|ed|ing)?|at\\s+least|tops|topped|topping|beyond"
     "|no\\s+less\\s+than|not\\s+less\\s+than|in\\s+excess\\s+of"
     "|upwards?\\s+of|свыше|более|больше|не\\s+менее|превы(?:си|ша)\\w*"
     "|kamida|камида",
     NULL},
    {TK_QUAL, QQ_UNDER, false, B_TRIE, true,
     "under|below|up\\s+to|at\\s+most|no\\s+more\\s+than|not\\s+more\\s+than"
     "|менее|меньше|не\\s+более|до|ko" APO "?pi\\s+bilan",
     NULL},
    {TK_QUAL, QQ_APPROX, false, B_TRIE, true,
     "about|around|approximately|approx\\.?|roughly|some|circa|an\\s+estimated"
     "|estimated|taxminan|tahminan|qariyb|тахминан|қарийб|около|примерно"
     "|порядка|приблизительно|ориентировочно",
     NULL},
    {TK_QUAL, QQ_NEARLY, false, B_TRIE, true,
     "nearly|almost|close\\s+to|approach(?:es|ed|ing)?|nearing"
     "|just\\s+(?:under|below|shy\\s+of)|deyarli|деярли|почти|практически"
     "|близко\\s+к|чуть\\s+менее",
     NULL},
    /* qualifiers after a figure: Uzbek "-dan ortiq", "-ga yaqin" ... */
    {TK_PQUAL, PQ_OVER_DAN, false, B_TRIE, true,
     "ortiq|ko" APO "?p(?:roq)?|ziyod|oshiq|ортиқ|кўп(?:роқ)?|зиёд", NULL},
    {TK_PQUAL, PQ_UNDER_DAN, false, B_TRIE, true, "kam|кам", NULL},
    {TK_PQUAL, PQ_NEARLY_GA, false, B_TRIE, true, "yaqin|яқин", NULL},
    {TK_PQUAL, PQ_APPROX, false, B_TRIE, true,
     "atrofida|atrofi|chamasi(?:da)?|атрофида|чамаси", NULL},
    {TK_PQUAL, PQ_OVER, false, B_TRIE, true,
     "or\\s+more|and\\s+more|plus|с\\s+лишним|с\\s+небольшим", NULL},
    /* relative periods */
    /* "since the beginning of the year": 1 January to the reference date */
    {TK_REL, REL_YTD, false, B_TRIE, true,
     "since\\s+the\\s+(?:beginning|start)\\s+of\\s+(?:the|this)\\s+year"
     "|year[\\s-]to[\\s-]date|с\\s+начала\\s+(?:текущего\\s+|этого\\s+)?года"
     "|joriy\\s+yil\\s+boshidan(?:\\s+buyon)?|yil\\s+boshidan(?:\\s+buyon)?"
     "|жорий\\s+йил\\s+бошидан(?:\\s+буён)?|йил\\s+бошидан(?:\\s+буён)?",
     NULL},
    {TK_REL, REL_YEARAGO, false, B_TRIE, true,
     "a\\s+year\\s+(?:earlier|ago|before)|year[\\s-]+on[\\s-]+year"
     "|year[\\s-]+over[\\s-]+year|y/y|yoy|y-o-y|годом\\s+ранее|год\\s+назад"
     "|в\\s+годовом\\s+(?:выражении|исчислении)|yillik\\s+hisobda",
     NULL},
    {TK_REL, REL_LAST, false, B_TRIE, true,
     "last\\s+year|the\\s+previous\\s+year|previous\\s+year"
     "|the\\s+prior\\s+year|prior\\s+year|o" APO "?tgan\\s+yil\\w*"
     "|oldingi\\s+yil\\w*|ўтган\\s+йил\\w*|прошл\\w*\\s+год\\w*"
     "|предыдущ\\w*\\s+год\\w*",
     NULL},
    {TK_REL, REL_THIS, false, B_TRIE, true,
     "this\\s+year|the\\s+current\\s+year|current\\s+year|joriy\\s+yil\\w*"
     "|жорий\\s+йил\\w*|этого\\s+год\\w*|этом\\s+год\\w*"
     "|текущ\\w*\\s+год\\w*|нынешн\\w*\\s+год\\w*|shu\\s+yil(?:da|ning|i)?",
     NULL},
    {TK_REL, REL_SAME, false, B_TRIE, true,
     "the\\s+same\\s+period|same\\s+period|the\\s+corresponding\\s+period"
     "|corresponding\\s+period|shu\\s+davr\\w*|аналогичн\\w*\\s+период\\w*"
     "|тот\\s+же\\s+период\\w*|того\\s+же\\s+период\\w*",
     NULL},
    {TK_CMP, 0, false, B_TRIE, true,
     "compared\\s+(?:to|with)|in\\s+comparison\\s+(?:to|with)"
     "|relative\\s+to|against|versus|vs\\.?|than|по\\s+сравнению\\s+с\\w*"
     "|относительно|против|чем",
     NULL},
    {TK_POSTCMP, 0, false, B_TRIE, true,
     "nisbatan|solishtirganda|taqqoslaganda|нисбатан|солиштирганда", NULL},
    /* goals (before change words: "to increase", "увеличить") */
    {TK_TARGET, 0, false, B_TRIE, true,
     "target\\w*|aim(?:s|ed|ing)?|goals?|plan(?:s|ned|ning)?|intend\\w*"
     "|seek(?:s|ing)?|ambition\\w*|objective\\w*"
     "|to\\s+(?:raise|bring|boost|increase|double|lift|reach|expand)"
     "|maqsad\\w*|yetkaz(?:ish|moq)\\w*|oshirish\\w*|rejalashtir\\w*"
     "|reja\\w*|mo" APO "?ljal\\w*|мақсад\\w*|етказиш\\w*|ошириш\\w*"
     "|цел(?:ь|и|ью|ей|евой|евых|евые)|довести|довед\\w*|нарастить"
     "|наращивани\\w*|увеличить|планир\\w*|план(?:а|ы|ов|у|ом|е)?"
     "|намерен\\w*|задач\\w*|стрем\\w*",
     NULL},
    {TK_CHANGE, 1, false, B_TRIE, true,
     "up|rose|rise[sn]?|rising|increas(?:e|es|ed|ing)|grew"
     "|grow(?:s|n|ing|th)?|higher|gain(?:s|ed)?|jump(?:s|ed)?"
     "|climb(?:s|ed)?|surg(?:e|es|ed)|soar(?:s|ed)|expand(?:s|ed)|added"
     "|osh(?:di|gan\\w*|ib|moqda)|o" APO "?s(?:di|gan\\w*|ib|ish\\w*|moqda)"
     "|ko" APO "?pay\\w*|ort(?:di|gan\\w*|ib)|рост\\w*|вырос\\w*|возрос\\w*"
     "|увелич\\w*|прирост\\w*|выше|повы(?:сил|ше)\\w*|ошди|ошган\\w*"
     "|ўсди|ўсган\\w*|ўсиш\\w*|кўпай\\w*",
     NULL},
    {TK_CHANGE, -1, false, B_TRIE, true,
     "down|fell|fall(?:s|en|ing)?|declin(?:e|es|ed|ing)"
     "|decreas(?:e|es|ed|ing)|drop(?:s|ped)?|lower|shr(?:ank|unk|inks?)"
     "|contract(?:ed|ion)|slid|slipped|reduc(?:ed|tion)|kamay\\w*|pasay\\w*"
     "|qisqar\\w*|сниз\\w*|снижени\\w*|сократ\\w*|сокращени\\w*|упал\\w*"
     "|падени\\w*|уменьш\\w*|ниже|камай\\w*|пасай\\w*|қисқар\\w*",
     NULL},
    /* what is measured; joint ventures before companies */
    {TK_MEASURE, QM_VENTURE, false, B_TRIE, true,
     "joint[\\s-]+ventures?|joint\\s+enterprises?"
     "|qo" APO "?shma\\s+korxona\\w*|совместн\\w*\\s+предприят\\w*"
     "|қўшма\\s+корхона\\w*",
     NULL},
    {TK_MEASURE, QM_TRADE, false, B_TRIE, true,
     "trad(?:e|es|ing)|turnover|commerce|savdo\\w*|aylanma\\w*"
     "|ayirboshlash\\w*|товарооборот\\w*|торгов\\w*|товарообмен\\w*"
     "|савдо\\w*|айланма\\w*",
     NULL},
    {TK_MEASURE, QM_EXPORT, false, B_TRIE, true,
     "export\\w*|eksport\\w*|экспорт\\w*", NULL},
    {TK_MEASURE, QM_IMPORT, false, B_TRIE, true, "import\\w*|импорт\\w*",
     NULL},
    {TK_MEASURE, QM_INVEST, false, B_TRIE, true,
     "invest\\w*|инвестиц\\w*|sarmoya\\w*|сармоя\\w*|капиталовложени\\w*",
     NULL},
    {TK_MEASURE, QM_PROJECT, false, B_TRIE, true,
     "projects?|loyiha\\w*|проект\\w*|лойиҳа\\w*", NULL},
    {TK_MEASURE, QM_COMPANY, false, B_TRIE, true,
     "compan(?:y|ies)|enterprises?|firms?|kompaniya\\w*|korxona\\w*"
     "|firma\\w*|компани\\w*|предприят\\w*|фирм\\w*|корхона\\w*",
     NULL},
    {TK_CONJ, 0, false, B_TRIE, true,
     "and|but|while|whereas|although|whilst|as\\s+well\\s+as|va|hamda|ammo"
     "|lekin|biroq|и|а|но|однако|тогда\\s+как",
     NULL},
    /* money written out in words (sub 1): "five million yen" */
    {TK_FIG, 1, false, B_TRIE, true,
     "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
     "|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one"
     "|two|three|four|five|six|seven|eight|nine|ten|hundred",
     WREST},
    /* "a million dollars", "half a billion", "a quarter million US
     * dollars": these need a scale word next; testing for it first keeps
     * every "a" of English prose cheap */
    {TK_FIG, 1, false, B_TRIE, true, "a|an|half|quarter", WSCALE WREST},
};

#define NENTRIES (sizeof entries / sizeof entries[0])

/* ---- building the pattern ----------------------------------------------- */

struct alt {
    const char *re;      /* the alternative, first character included */
    size_t len;
    size_t first_len;    /* bytes of its first character */
    unsigned key;        /* lower-cased first character; 0 = not literal */
    size_t entry;        /* NO_ENTRY: a plain list (DEFINE), no mark */
    const char *each;    /* plain lists: appended to the alternative */
};

#define NO_ENTRY ((size_t)-1)

/* Split re at its top-level '|' (outside groups and classes). */
static size_t split_alts(const char *re, size_t entry, struct alt **alts,
                         size_t *n, size_t *cap)
{
    size_t depth = 0, start = 0, count = 0, len = strlen(re);
    bool cls = false;

    for (size_t i = 0; i <= len; i++) {
        char ch = re[i];

        if (i < len && ch == '\\') {
            i++;
            continue;
        }
        if (cls) {
            cls = ch != ']';
            continue;
        }
        if (ch == '[')
            cls = true;
        else if (ch == '(')
            depth++;
        else if (ch == ')')
            depth--;
        else if (i == len || (ch == '|' && depth == 0)) {
            struct alt *a;
            unsigned cp = 0;

            *alts = cc_grow(*alts, cap, *n + 1, sizeof **alts);
            a = &(*alts)[(*n)++];
            a->re = re + start;
            a->len = i - start;
            a->entry = entry;
            a->each = NULL;
            a->first_len = a->len ? xlex_decode(a->re, a->len, &cp) : 0;
            a->key = xlex_lower_cp(cp);
            if (!a->len || strchr("([\\.^$|?*+{", a->re[0]) ||
                (a->first_len < a->len &&
                 strchr("?*+{", a->re[a->first_len])))
                a->key = 0;
            start = i + 1;
            count++;
        }
    }
    return count;
}

static cc_result add_alt_body(struct cc_buf *b, const struct alt *a,
                              size_t skip)
{
    const struct entry *e;
    cc_result result;

    if (a->entry == NO_ENTRY)
        return cc_buf_printf(b, "%.*s%s", (int)(a->len - skip), a->re + skip,
                             a->each ? a->each : "");
    e = &entries[a->entry];
    result = cc_buf_printf(b, "%.*s%s%s(*MARK:%zu)", (int)(a->len - skip),
                           a->re + skip, e->each ? e->each : "",
                           e->word ? "(?!\\w)" : "", a->entry);
    return result;
}

/* The lower-cased second character of alternative a when it is a plain
 * letter that must occur (no quantifier after it); 0 otherwise. */
static unsigned second_key(const struct alt *a)
{
    const char *r = a->re + a->first_len;
    size_t n = a->len - a->first_len, k;
    unsigned cp;

    if (n == 0 || strchr("([\\.^$|?*+{)", r[0]))
        return 0;
    k = xlex_decode(r, n, &cp);
    if (!xlex_is_letter(cp) || (k < n && strchr("?*+{", r[k])))
        return 0;
    return xlex_lower_cp(cp);
}

/* Emit the alternatives whose first character is key as one group,
 * subgrouped by their second character when it is a plain letter:
 * "t(?:r(?:ade|...)|o(?:...)|<the others, in table order>)".  Two
 * alternatives with different second letters never match the same text,
 * so only the order within a subgroup (table order: longer phrases before
 * the words they start with) matters; alternatives whose second element
 * is no plain letter come last, in table order. */
static cc_result emit_group(struct cc_buf *b, const struct alt *alts,
                            size_t n, unsigned key)
{
    char lit[4];
    size_t ll = xlex_encode(key, lit);
    cc_result result = cc_buf_printf(b, "%.*s(?:", (int)ll, lit);
    bool first = true;
    unsigned *done = cc_calloc(n ? n : 1, sizeof *done);
    size_t nd = 0;

    for (size_t j = 0; j < n && result == CC_OK; j++) {
        unsigned sk;
        bool seen = false;

        if (alts[j].key != key || (sk = second_key(&alts[j])) == 0)
            continue;
        for (size_t d = 0; d < nd; d++)
            seen = seen || done[d] == sk;
        if (seen)
            continue;
        done[nd++] = sk;
        ll = xlex_encode(sk, lit);
        result = cc_buf_printf(b, "%s%.*s(?:", first ? "" : "|", (int)ll,
                               lit);
        first = false;
        for (size_t i = j, sub = 0; i < n && result == CC_OK; i++) {
            size_t k2;
            unsigned cp;

            if (alts[i].key != key || second_key(&alts[i]) != sk)
                continue;
            k2 = xlex_decode(alts[i].re + alts[i].first_len,
                             alts[i].len - alts[i].first_len, &cp);
            if (sub++)
                result = cc_buf_addc(b, '|');
            if (result == CC_OK)
                result = add_alt_body(b, &alts[i], alts[i].first_len + k2);
        }
        if (result == CC_OK)
            result = cc_buf_addc(b, ')');
    }
    for (size_t j = 0; j < n && result == CC_OK; j++) {
        if (alts[j].key != key || second_key(&alts[j]) != 0)
            continue;
        if (!first)
            result = cc_buf_addc(b, '|');
        if (result == CC_OK)
            result = add_alt_body(b, &alts[j], alts[j].first_len);
        first = false;
    }
    if (result == CC_OK)
        result = cc_buf_addc(b, ')');
    free(done);
    return result;
}

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

    return x < y ? -1 : x > y;
}

/* Upper case of a lower-case key (ASCII, Latin-1, Cyrillic). */
static unsigned key_upper(unsigned cp)
{
    if (cp >= 'a' && cp <= 'z')
        return cp - 32;
    if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
        return cp - 0x20;
    if (cp >= 0x430 && cp <= 0x44F)
        return cp - 0x20;
    if (cp >= 0x450 && cp <= 0x45F)
        return cp - 0x50;
    if (cp >= 0x460 && cp <= 0x4FF && (cp & 1))
        return cp - 1;
    return cp;
}

/* "(?(?=(?-i:[...]))(?:" for the n keys and their upper case, as merged
 * ranges matched case-sensitively: a caseless class of many members costs
 * a case lookup per member; a few plain ranges cost a few compares. */
static cc_result emit_keys_class(struct cc_buf *b, const unsigned *keys,
                                 size_t n)
{
    unsigned *cp = cc_calloc(2 * n, sizeof *cp);
    size_t m = 0;
    cc_result result;

    for (size_t i = 0; i < n; i++) {
        cp[m++] = keys[i];
        if (key_upper(keys[i]) != keys[i])
            cp[m++] = key_upper(keys[i]);
    }
    qsort(cp, m, sizeof *cp, cmp_unsigned);
    result = cc_buf_addstr(b, "(?(?=(?-i:[");
    for (size_t i = 0; i < m && result == CC_OK;) {
        size_t j = i;

        while (j + 1 < m && cp[j + 1] <= cp[j] + 1)
            j++;
        result = j > i ? cc_buf_printf(b, "\\x{%x}-\\x{%x}", cp[i], cp[j])
                       : cc_buf_printf(b, "\\x{%x}", cp[i]);
        i = j + 1;
    }
    if (result == CC_OK)
        result = cc_buf_addstr(b, "]))(?:");
    free(cp);
    return result;
}

/* Emit the groups of keys[lo..hi) (sorted code points) as a binary tree of
 * conditionals on the first character, so that a word start costs a few
 * class tests rather than one test per group:
 * "(?(?=[abcdef])(?(?=[abc])...|...)|...)". */
static cc_result emit_tree(struct cc_buf *b, const struct alt *alts,
                           size_t n, const unsigned *keys, size_t lo,
                           size_t hi)
{
    size_t mid;
    cc_result result;

    if (hi - lo == 1)
        return emit_group(b, alts, n, keys[lo]);
    mid = lo + (hi - lo) / 2;
    result = emit_keys_class(b, keys + lo, mid - lo);
    if (result == CC_OK)
        result = emit_tree(b, alts, n, keys, lo, mid);
    if (result == CC_OK)
        result = cc_buf_addstr(b, ")|(?:");
    if (result == CC_OK)
        result = emit_tree(b, alts, n, keys, mid, hi);
    if (result == CC_OK)
        result = cc_buf_addstr(b, "))");
    return result;
}


/* All word alternatives as one tree over their first characters. */
static cc_result emit_trie(struct cc_buf *b, const struct alt *alts, size_t n)
{
    unsigned *keys = cc_calloc(n ? n : 1, sizeof *keys);
    size_t nk = 0, u = 0;
    cc_result result;

    for (size_t i = 0; i < n; i++)
        if (alts[i].key)
            keys[nk++] = alts[i].key;
    qsort(keys, nk, sizeof *keys, cmp_unsigned);
    for (size_t i = 0; i < nk; i++)
        if (!u || keys[u - 1] != keys[i])
            keys[u++] = keys[i];
    result = u ? emit_tree(b, alts, n, keys, 0, u)
               : cc_buf_addstr(b, "(*FAIL)");
    free(keys);
    return result;
}

/* The alternatives of the lists res[0..n) (each[i] appended to every
 * alternative of res[i]) as one tree over their first characters, for a
 * DEFINE group.  Every alternative must start with a literal character. */
static cc_result emit_plain_tree(struct cc_buf *b, const char *const *res,
                                 const char *const *each, size_t n)
{
    struct alt *alts = NULL;
    size_t na = 0, cap = 0;
    cc_result result;

    for (size_t i = 0; i < n; i++) {
        size_t from = na;

        split_alts(res[i], NO_ENTRY, &alts, &na, &cap);
        for (size_t j = from; j < na; j++)
            alts[j].each = each[i];
    }
    result = CC_OK;
    for (size_t j = 0; j < na; j++)
        if (!alts[j].key)
            result = CC_EPARSE;   /* the tree would leave it out */
    if (result == CC_OK)
        result = emit_trie(b, alts, na);
    free(alts);
    return result;
}

/* The alternation of alternatives, factored: "x(?:a|b)|y(?:c)" (for use
 * inside a DEFINE; no marks). */
static cc_result emit_list(struct cc_buf *b, const char *re)
{
    struct alt *alts = NULL;
    size_t n = 0, cap = 0;
    cc_result result = CC_OK;
    bool *done;

    split_alts(re, 0, &alts, &n, &cap);
    done = cc_calloc(n ? n : 1, sizeof *done);
    for (size_t i = 0; i < n && result == CC_OK; i++) {
        bool first = true;

        if (done[i])
            continue;
        if (i)
            result = cc_buf_addc(b, '|');
        if (!alts[i].key) {
            done[i] = true;
            result = cc_buf_printf(b, "%.*s", (int)alts[i].len, alts[i].re);
            continue;
        }
        result = cc_buf_printf(b, "%.*s(?:", (int)alts[i].first_len,
                               alts[i].re);
        for (size_t j = i; j < n && result == CC_OK; j++) {
            if (done[j] || alts[j].key != alts[i].key)
                continue;
            done[j] = true;
            result = cc_buf_printf(b, "%s%.*s", first ? "" : "|",
                                   (int)(alts[j].len - alts[j].first_len),
                                   alts[j].re + alts[j].first_len);
            first = false;
        }
        if (result == CC_OK)
            result = cc_buf_addc(b, ')');
    }
    free(done);
    free(alts);
    return result;
}

/* Word characters for the start-of-word test: letters and digits of the
 * scripts we read (Latin with its extensions and the Uzbek modifier
 * apostrophes, Greek, Cyrillic).  An explicit class is much cheaper to
 * test than \\w under UCP, which looks up Unicode properties. */
#define WORDCH                                                               \
    "[0-9A-Za-z_\\x{aa}\\x{b5}\\x{ba}\\x{c0}-\\x{d6}\\x{d8}-\\x{f6}"                \
    "\\x{f8}-\\x{24f}\\x{2b0}-\\x{2ff}\\x{370}-\\x{3ff}\\x{400}-\\x{52f}]"

/* Append re to b with the named groups the candidate finder should see
 * through spelled out. */
static cc_result add_spelled(struct cc_buf *b, const char *re, size_t n)
{
    static const struct {
        const char *call, *def;
    } defs[] = {{"(?&qhu)", "(?:" QHU_DEF ")"},
                {"(?&munit)", "(?:" MUNIT_DEF ")"}};
    cc_result result = CC_OK;

    for (size_t i = 0; i < n && result == CC_OK;) {
        size_t d = 0, cl = 0;

        for (; d < sizeof defs / sizeof defs[0]; d++) {
            cl = strlen(defs[d].call);
            if (n - i >= cl && !memcmp(re + i, defs[d].call, cl))
                break;
        }
        if (d < sizeof defs / sizeof defs[0]) {
            result = cc_buf_addstr(b, defs[d].def);
            i += cl;
        } else {
            result = cc_buf_addc(b, re[i++]);
        }
    }
    return result;
}

/* What may follow a number after white space and makes it more than a
 * bare year or a plain number (see plain_number): a scale, percent or
 * currency word or code ((?&amt), (?&scl), PCT_W, (?&curw)), a month (a
 * date: "7 April"), a year's suffix, postposition or range word, the
 * unit of a quarter, half or number of months ("3 months").  Each list
 * with what is appended to each of its alternatives. */
static const struct {
    const char *re, *each;
} followers[] = {
    {SCALE_WORD_LIST, ""},
    {SCALE_ABBR_LIST, "\\.?(?!\\w)"},
    {PCT_W, ""},
    {CUR_ADJ_LIST, "\\s"},
    {CUR_NAMES, ""},
    {CUR_NAMES_W, "(?!\\w)"},
    {CUR_NAMES_RU, ""},
    {ISO_CODES, "(?!\\w)"},
    {"M(?:" ISO_CODES ")|TRY|PHP|rmb", "(?!\\w)"},
    {MONTHS, ""},
    {YSFX, ""},
    {YPOST, ""},
    {YTO, "\\s"},
    {QUNIT_LIST, ""},
    {HUNIT_LIST, ""},
    {MUNIT_LIST, "(?!\\w)"},
};

/* Give the followers to the candidate finder (xcand_add_follow). */
static cc_result build_follow(struct cc_buf *re)
{
    cc_result result = CC_OK;

    for (size_t f = 0; f < sizeof followers / sizeof *followers &&
                       result == CC_OK; f++) {
        struct alt *alts = NULL;
        size_t n = 0, cap = 0;

        split_alts(followers[f].re, NO_ENTRY, &alts, &n, &cap);
        for (size_t i = 0; i < n && result == CC_OK; i++) {
            if (!alts[i].key) {
                xcand_add_follow_any();
                continue;
            }
            re->len = 0;
            result = cc_buf_printf(re, "%.*s%s",
                                   (int)(alts[i].len - alts[i].first_len),
                                   alts[i].re + alts[i].first_len,
                                   followers[f].each);
            if (result == CC_OK)
                result = cc_buf_addc(re, '\0');
            if (result != CC_OK)
                break;
            xcand_add_follow(alts[i].key, re->data, APO, DSH);
            if (key_upper(alts[i].key) != alts[i].key)
                xcand_add_follow(key_upper(alts[i].key), re->data, APO, DSH);
        }
        free(alts);
    }
    return result;
}

/* Give every word alternative to the candidate finder (extract_cand.c):
 * its text after the first character, with what add_alt_body appends. */
static cc_result build_cands(const struct alt *alts, size_t n)
{
    struct cc_buf re;
    cc_result result = CC_OK;

    cc_buf_init(&re, 64u * 1024u);
    xcand_begin();
    for (size_t i = 0; i < n && result == CC_OK; i++) {
        const struct entry *e = &entries[alts[i].entry];

        if (!alts[i].key) {
            xcand_add_any();
            continue;
        }
        re.len = 0;
        result = add_spelled(&re, alts[i].re + alts[i].first_len,
                             alts[i].len - alts[i].first_len);
        if (result == CC_OK && e->each)
            result = add_spelled(&re, e->each, strlen(e->each));
        if (result == CC_OK && e->word)
            result = cc_buf_addstr(&re, "(?!\\w)");
        if (result == CC_OK)
            result = cc_buf_addc(&re, '\0');
        if (result != CC_OK)
            break;
        xcand_add(alts[i].key, re.data, APO, DSH);
        if (key_upper(alts[i].key) != alts[i].key)
            xcand_add(key_upper(alts[i].key), re.data, APO, DSH);
    }
    if (result == CC_OK)
        result = build_follow(&re);
    xcand_end();
    cc_buf_free(&re);
    return result;
}

/* The combined pattern; with words, only its word alternatives (what can
 * match at a letter: the digit and figure blocks need a digit or a sign
 * first), for xpat_scan to run at word starts.  That one has no token
 * groups and a smaller frame, which halves the cost of a try. */
static cc_result build(struct cc_buf *b, bool words)
{
    struct alt *alts = NULL;
    size_t n = 0, cap = 0;
    cc_result result;
    bool misc = false;

    result = cc_buf_addstr(b, "(?<!" WORDCH ")(?:");
    if (result == CC_OK)
        result = cc_buf_addstr(b, words ? "(*FAIL)" : "(?=[0-9])(?:");
    for (size_t i = 0, k = 0; i < NENTRIES && result == CC_OK && !words;
         i++) {
        if (entries[i].block != B_DIGIT)
            continue;
        result = cc_buf_printf(b, "%s(?:%s)(*MARK:%zu)", k++ ? "|" : "",
                               entries[i].re, i);
    }
    if (result == CC_OK && !words)
        result = cc_buf_addstr(b, ")");
    for (size_t i = 0; i < NENTRIES && result == CC_OK; i++) {
        if (entries[i].block == B_FIG && !words)
            result = cc_buf_printf(b, "|(?:%s)(*MARK:%zu)", entries[i].re, i);
        else if (entries[i].block == B_TRIE)
            split_alts(entries[i].re, i, &alts, &n, &cap);
    }
    /* alternatives that do not start with a literal are tried first */
    for (size_t i = 0; i < n && result == CC_OK; i++) {
        if (alts[i].key)
            continue;
        result = cc_buf_addc(b, '|');
        if (result == CC_OK)
            result = add_alt_body(b, &alts[i], 0);
        misc = true;
    }
    (void)misc;
    if (result == CC_OK)
        result = cc_buf_addc(b, '|');
    if (result == CC_OK)
        result = emit_trie(b, alts, n);
    /* (the pattern runs anchored at the positions xcand_next finds) */
    if (result == CC_OK && !words)
        result = build_cands(alts, n);
    if (result == CC_OK)
        result = cc_buf_addstr(b, ")(?(DEFINE)(?<mon>");
    if (result == CC_OK)
        result = emit_list(b, MONTHS);
    if (result == CC_OK)
        result = cc_buf_addstr(b, ")(?<numw>");
    if (result == CC_OK)
        result = emit_list(b, NUMWORDS);
    if (result == CC_OK) {
        static const char *const names[] = {CUR_NAMES, CUR_NAMES_W,
                                            CUR_NAMES_RU};
        static const char *const names_each[] = {NULL, "(?!\\w)", NULL};
        static const char *const adj[] = {CUR_ADJ_LIST};
        static const char *const iso[] = {ISO_CODES};
        static const char *const none[] = {NULL};
        static const char *const scl[] = {SCALE_WORD_LIST, SCALE_ABBR_LIST};
        static const char *const scl_each[] = {NULL, "\\.?(?!\\w)"};

        result = cc_buf_addstr(b, ")(?<scl>");
        if (result == CC_OK)
            result = emit_plain_tree(b, scl, scl_each, 2);
        if (result == CC_OK)
            result = cc_buf_addstr(b, ")(?<cadj>");
        if (result == CC_OK)
            result = emit_plain_tree(b, adj, none, 1);
        if (result == CC_OK)
            result = cc_buf_addstr(b, ")(?<cname>");
        if (result == CC_OK)
            result = emit_plain_tree(b, names, names_each, 3);
        if (result == CC_OK)
            result = cc_buf_addstr(b, ")(?<isoc>");
        if (result == CC_OK)
            result = emit_plain_tree(b, iso, none, 1);
    }
    if (result == CC_OK)
        result = cc_buf_addstr(b, ")(?<mcont>" MCONT_DEF ")(?<qhu>" QHU_DEF
                               ")(?<munit>" MUNIT_DEF ")(?<amt>" AMOUNT
                               ")(?<wn>" WNUM_DEF ")(?<curw>" CUR_WORD "|"
                               CUR_CODE "))");
    free(alts);
    return result;
}

/* group numbers, resolved once */
static struct groups {
    int iso, dd, dm, dy, d1, dmo1, dy1, dy3, d3, dmo3;
    int y1, y2, y3, ysfx, ypost;
    int qsym, sign, cpre, num, num2, scale, ssfx, pct, psfx, cur, csfx;
    int cscl, cssfx;
} g;

static struct rx *pat, *wpat;   /* the whole pattern; its words (build) */
static size_t year_entry, fig_entry;   /* entries[] of TK_YEAR, TK_FIG */
static pthread_mutex_t pat_lock = PTHREAD_MUTEX_INITIALIZER;

/* Build and compile one of the two patterns into *out. */
static cc_result compile(bool words, struct rx **out, char *err,
                         size_t errlen)
{
    struct cc_buf b;
    cc_result result;

    cc_buf_init(&b, 512u * 1024u);
    result = build(&b, words);
    if (result != CC_OK)
        cc_errf(err, errlen, "extract: cannot build the pattern");
    else
        result = rx_compile(b.data, RX_CASELESS | RX_ANCHORED, out, err,
                            errlen);
    cc_buf_free(&b);
    return result;
}

cc_result xpat_init(char *err, size_t errlen)
{
    cc_result result;
    struct rx *p = NULL, *w = NULL;

    pthread_mutex_lock(&pat_lock);
    if (pat) {
        pthread_mutex_unlock(&pat_lock);
        return CC_OK;
    }
    result = compile(false, &p, err, errlen);
    if (result == CC_OK)
        result = compile(true, &w, err, errlen);
    if (result != CC_OK) {
        rx_free(&p);
        rx_free(&w);
        xcand_free();
    } else {
        wpat = w;
        pat = p;
    }
    if (result == CC_OK) {
#define G(x) g.x = rx_group_number(pat, #x)
        G(iso); G(dd); G(dm); G(dy); G(d1); G(dmo1); G(dy1); G(dy3); G(d3);
        G(dmo3);
        G(y1); G(y2); G(y3); G(ysfx); G(ypost);
        G(qsym); G(sign); G(cpre); G(num); G(num2); G(scale); G(ssfx);
        G(pct); G(psfx); G(cur); G(csfx); G(cscl); G(cssfx);
#undef G
        for (size_t i = 0; i < NENTRIES; i++) {
            if (entries[i].kind == TK_YEAR && entries[i].block == B_DIGIT)
                year_entry = i;
            if (entries[i].kind == TK_FIG && entries[i].block == B_FIG)
                fig_entry = i;
        }
    }
    pthread_mutex_unlock(&pat_lock);
    return result;
}

void xpat_cleanup(void)
{
    pthread_mutex_lock(&pat_lock);
    rx_free(&pat);
    rx_free(&wpat);
    xcand_free();
    pthread_mutex_unlock(&pat_lock);
}

/* ---- decoding ----------------------------------------------------------- */

static bool grp(const struct rx_scratch *rs, int n, struct span *sp)
{
    sp->on = n > 0 && rx_group(rs, n, &sp->s, &sp->e);
    return sp->on;
}

static int digits_val(const char *t, size_t s, size_t e)
{
    int v = 0;

    if (s >= e)
        return -1;
    for (size_t i = s; i < e && i - s < 6; i++) {
        if (t[i] < '0' || t[i] > '9')
            return -1;
        v = v * 10 + (t[i] - '0');
    }
    return v;
}

static int span_val(const char *t, struct span sp)
{
    return digits_val(t, sp.s, sp.e);
}

/* The next word (letters, inner apostrophes) or digit run in t[*i..e). */
static bool next_item(const char *t, size_t *i, size_t e, size_t *ws,
                      size_t *we, bool *digits)
{
    unsigned cp;
    size_t k;

    while (*i < e) {
        k = xlex_decode(t + *i, e - *i, &cp);
        if (xlex_is_letter(cp) || (cp >= '0' && cp <= '9'))
            break;
        *i += k;
    }
    if (*i >= e)
        return false;
    *ws = *i;
    *digits = cp >= '0' && cp <= '9';
    while (*i < e) {
        k = xlex_decode(t + *i, e - *i, &cp);
        if (*digits ? !(cp >= '0' && cp <= '9')
                    : !(xlex_is_letter(cp) ||
                        cp == 0x2019 || cp == 0x2018 || cp == 0x02BB ||
                        cp == 0x02BC || cp == '\'' || cp == '`'))
            break;
        *i += k;
    }
    *we = *i;
    return true;
}

static void decode_date(const char *t, const struct rx_scratch *rs,
                        struct tok *k)
{
    struct span a, b, c;
    struct cc_date d = {0, 0, 0};

    if (grp(rs, g.iso, &a)) {
        d.y = digits_val(t, a.s, a.s + 4);
        d.m = digits_val(t, a.s + 5, a.s + 7);
        d.d = digits_val(t, a.s + 8, a.s + 10);
    } else if (grp(rs, g.dd, &a) && grp(rs, g.dm, &b) && grp(rs, g.dy, &c)) {
        d.d = span_val(t, a);
        d.m = span_val(t, b);
        d.y = span_val(t, c);
    } else if (grp(rs, g.d1, &a) && grp(rs, g.dmo1, &b) &&
               grp(rs, g.dy1, &c)) {
        d.d = span_val(t, a);
        d.m = xlex_month(t + b.s, b.e - b.s);
        d.y = span_val(t, c);
    } else if (grp(rs, g.dy3, &c) && grp(rs, g.d3, &a) &&
               grp(rs, g.dmo3, &b)) {
        d.d = span_val(t, a);
        d.m = xlex_month(t + b.s, b.e - b.s);
        d.y = span_val(t, c);
    }
    if (cc_date_valid(d))
        k->date = d;
    else
        k->kind = TK_NONE;
}

static void decode_year(const char *t, const struct rx_scratch *rs,
                        struct tok *k)
{
    struct span y1, y2, y3, sfx, post;

    grp(rs, g.y1, &y1);
    k->y1 = span_val(t, y1);
    if (grp(rs, g.y2, &y2)) {
        int v = span_val(t, y2);

        if (y2.e - y2.s == 2)
            v += k->y1 / 100 * 100;
        if (v > k->y1 && v <= k->y1 + 50)
            k->y2 = v;
    } else if (grp(rs, g.y3, &y3)) {
        int v = span_val(t, y3);

        if (v > k->y1 && v <= k->y1 + 50) {
            k->y2 = v;
            k->range_word = true;         /* "2016 to 2024", "с 2016 по" */
        }
    }
    grp(rs, g.ysfx, &sfx);
    grp(rs, g.ypost, &post);
    if (post.on)
        k->post = xlex_suffix_role(t + post.s, post.e - post.s);
    else if (sfx.on)
        k->post = xlex_suffix_role(t + sfx.s, sfx.e - sfx.s);
    k->bare = !sfx.on && !post.on;
}

/* t[a..b) holds a letter (a joining word, not just a dash): ASCII
 * letters and two-byte UTF-8 characters (Latin, Cyrillic) count. */
static bool has_letter(const char *t, size_t a, size_t b)
{
    for (size_t j = a; j < b; j++) {
        unsigned char ch = (unsigned char)t[j];

        if (((ch | 32) >= 'a' && (ch | 32) <= 'z') ||
            (ch >= 0xC2 && ch < 0xE0))
            return true;
    }
    return false;
}

/* "January–November", "yanvar–noyabr oylarida", "April 7, 2024" */
static void decode_month(const char *t, struct tok *k)
{
    size_t i = k->start, ws, we, m1_end = k->start;
    int day = 0, year = 0;
    bool dig;
    unsigned cp;

    xlex_decode(t + k->start, k->end - k->start, &cp);
    k->upper = xlex_is_upper(cp);
    while (next_item(t, &i, k->end, &ws, &we, &dig)) {
        int m;
        char w[16];

        if (dig) {
            if (we - ws <= 2)
                day = digits_val(t, ws, we);
            else
                year = digits_val(t, ws, we);
            continue;
        }
        xlex_lower(t + ws, we - ws, w, sizeof w);
        if (!strncmp(w, "oy", 2) || !strncmp(w, "ой", 4) ||
            !strncmp(w, "month", 5)) {
            k->mpost = true;
            continue;
        }
        m = xlex_month(t + ws, we - ws);
        if (!m)
            continue;
        if (!k->m1) {
            k->m1 = m;
            m1_end = we;
        } else {
            k->m2 = m;
            /* "January to November", "yanvardan noyabrgacha" */
            k->range_word = k->range_word || has_letter(t, m1_end, ws);
        }
        if (!k->m2 && strlen(w) > 5 && !strcmp(w + strlen(w) - 5, "gacha"))
            k->post = R_DEADLINE;          /* "noyabrgacha": until */
        else if (!k->m2 && strlen(w) > 3 &&
                 !strcmp(w + strlen(w) - 3, "dan"))
            k->post = R_SINCE;
        else if (k->m2)
            k->post = R_NONE;
    }
    if (day && year) {
        struct cc_date d = {year, k->m1, day};

        k->kind = cc_date_valid(d) && !k->m2 ? TK_DATE : TK_NONE;
        k->date = d;
        return;
    }
    if (!k->m1 || (k->m2 && k->m2 < k->m1))
        k->kind = TK_NONE;
}

/* "Q1", "1-chorak", "first half", "I квартал", "birinchi yarim yillik" */
static void decode_qh(const char *t, struct tok *k)
{
    char w[96];
    size_t n = xlex_lower(t + k->start, k->end - k->start, w, sizeof w);

    if ((w[0] == 'q' || w[0] == 'h') && n >= 2 && w[1] >= '1' && w[1] <= '4') {
        k->n = w[1] - '0';
        k->half = w[0] == 'h';
    } else {
        size_t i = k->start, ws, we;
        bool dig;

        if (next_item(t, &i, k->end, &ws, &we, &dig))
            k->n = dig ? digits_val(t, ws, ws + 1)
                       : xlex_ordinal(t + ws, we - ws);
        k->half = strstr(w, "half") || strstr(w, "yarim") ||
                  strstr(w, "yarm") || strstr(w, "ярм") ||
                  strstr(w, "ярим") || strstr(w, "полугод");
    }
    if (k->n < 1 || k->n > (k->half ? 2 : 4))
        k->kind = TK_NONE;
}

/* "first four months", "11 oyida", "o'n bir oyida", "за 11 месяцев" */
static void decode_nmon(const char *t, struct tok *k)
{
    size_t i = k->start, ws, we, ws2, we2, j;
    bool dig, dig2;
    char w[32];

    if (!next_item(t, &i, k->end, &ws, &we, &dig))
        goto bad;
    xlex_lower(t + ws, we - ws, w, sizeof w);
    if (!dig && (!strcmp(w, "first") || !strcmp(w, "birinchi") ||
                 !strcmp(w, "dastlabki") || !strcmp(w, "дастлабки") ||
                 !strcmp(w, "биринчи") || !strncmp(w, "перв", 8))) {
        k->first = true;
        if (!next_item(t, &i, k->end, &ws, &we, &dig))
            goto bad;
    }
    if (dig) {
        k->n = digits_val(t, ws, we);
    } else {
        j = i;
        if (next_item(t, &j, k->end, &ws2, &we2, &dig2) && !dig2)
            k->n = xlex_numword(t + ws, we2 - ws);   /* "o'n bir" */
        if (!k->n)
            k->n = xlex_numword(t + ws, we - ws);
    }
    if (k->n >= 1 && k->n <= 12)
        return;
bad:
    k->kind = TK_NONE;
}

/* groups: the match has the token groups (of pat; a match of wpat, a
 * word, has none: its spans stay off, as they are in pat's words) */
static void decode(const char *t, const struct rx_scratch *rs, bool groups,
                   struct tok *k)
{
    if (!groups && (k->kind == TK_DATE || k->kind == TK_YEAR ||
                    k->kind == TK_FIG))
        return;
    switch (k->kind) {
    case TK_DATE:
        decode_date(t, rs, k);
        break;
    case TK_QH:
        decode_qh(t, k);
        break;
    case TK_NMON:
        decode_nmon(t, k);
        break;
    case TK_YEAR:
        decode_year(t, rs, k);
        break;
    case TK_MONTH:
        decode_month(t, k);
        break;
    case TK_FIG:
        grp(rs, g.qsym, &k->qsym);
        grp(rs, g.sign, &k->sign);
        grp(rs, g.cpre, &k->cpre);
        grp(rs, g.num, &k->num);
        grp(rs, g.num2, &k->num2);
        grp(rs, g.scale, &k->scale);
        grp(rs, g.ssfx, &k->ssfx);
        grp(rs, g.pct, &k->pct);
        grp(rs, g.psfx, &k->psfx);
        grp(rs, g.cur, &k->cur);
        grp(rs, g.csfx, &k->csfx);
        /* "75 USD million": the scale read after the code */
        if (!k->scale.on && grp(rs, g.cscl, &k->scale))
            grp(rs, g.cssfx, &k->ssfx);
        break;
    default:
        break;
    }
}

/* The preposition phrase (up to four words) right before pos and after
 * lim: "by the end of", "compared with", "к".  Sets *start to where it
 * begins. */
static enum role prep_before(const char *t, size_t lim, size_t pos,
                             size_t *start, bool *weak)
{
    size_t ws[4], n = 0, i = pos;

    while (n < 4) {
        size_t we;

        while (i > lim && (t[i - 1] == ' ' || t[i - 1] == '\t' ||
                           t[i - 1] == '\n' || t[i - 1] == '\r'))
            i--;
        we = i;
        while (i > lim) {
            size_t j = i - 1;
            unsigned cp;

            while (j > lim && ((unsigned char)t[j] & 0xC0) == 0x80)
                j--;
            xlex_decode(t + j, i - j, &cp);
            if (!xlex_is_letter(cp) && !(cp == '.' && j + 1 == we))
                break;
            i = j;
        }
        if (i == we)
            break;
        ws[n++] = i;
        if (i == lim || !(t[i - 1] == ' ' || t[i - 1] == '\t' ||
                          t[i - 1] == '\n' || t[i - 1] == '\r'))
            break;
    }
    for (size_t k = n; k > 0; k--) {
        size_t s = ws[k - 1], e = pos;
        enum role r;

        while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\n' ||
                         t[e - 1] == '\t' || t[e - 1] == '\r'))
            e--;
        r = xlex_prep(t + s, e - s);
        if (r != R_NONE) {
            char w[8];

            xlex_lower(t + s, e - s, w, sizeof w);
            *weak = !strcmp(w, "of") || !strcmp(w, "the");
            *start = s;
            return r;
        }
    }
    return R_NONE;
}

/* Does a letter start at t[i]?  No digit or figure alternative can match
 * there (they need a digit or a sign first), so wpat decides alone. */
static bool word_at(const char *t, size_t i, size_t e)
{
    unsigned cp;

    if ((unsigned char)t[i] < 0x80)
        return ((t[i] | 32) >= 'a' && (t[i] | 32) <= 'z');
    xlex_decode(t + i, e - i, &cp);
    return xlex_is_letter(cp);
}

static void shift_span(struct span *sp, size_t by)
{
    if (sp->on) {
        sp->s += by;
        sp->e += by;
    }
}

/* The figure right after the currency code *k that ends at t[at] inside a
 * word ("USD115.5 million"): the pattern wants no word character before a
 * token, so it runs on the text from the number on (where that check and
 * the figure's own lookbehinds see the start of the text).  On a figure
 * without a currency of its own, *k becomes that figure with the code as
 * its prefix and *end its end; else *end = at and *k stays. */
static cc_result glued_fig(struct rx_scratch *rs, const char *t, size_t at,
                           size_t e, struct tok *k, size_t *end, char *err,
                           size_t errlen)
{
    bool found;
    size_t ms, me, idx = 0;
    const char *mark;
    struct tok f;
    cc_result result;

    *end = at;
    result = rx_find(pat, rs, t + at, e - at, 0, &found, &ms, &me, err,
                     errlen);
    if (result != CC_OK || !found || ms != 0 || !(mark = rx_mark(rs)))
        return result;
    for (; *mark >= '0' && *mark <= '9' && idx < NENTRIES; mark++)
        idx = idx * 10 + (size_t)(*mark - '0');
    if (*mark || idx >= NENTRIES || entries[idx].kind != TK_FIG ||
        entries[idx].sub != 0)
        return CC_OK;
    memset(&f, 0, sizeof f);
    f.kind = TK_FIG;
    decode(t + at, rs, true, &f);
    if (f.cpre.on || f.cur.on || f.qsym.on || f.sign.on)
        return CC_OK;
    shift_span(&f.num, at);
    shift_span(&f.num2, at);
    shift_span(&f.scale, at);
    shift_span(&f.ssfx, at);
    shift_span(&f.pct, at);
    shift_span(&f.psfx, at);
    f.start = k->start;
    f.end = at + me;
    f.cpre.on = true;
    f.cpre.s = k->start;
    f.cpre.e = k->end;
    *k = f;
    *end = f.end;
    return CC_OK;
}

/* The digits at t[p] (a candidate: no word character before), when the
 * pattern would match them as a bare year or a plain number and nothing
 * more: *idx gets the entry (year_entry or fig_entry), *end the end of
 * the digits.  PCRE2 costs over a thousand cycles at every number (all
 * the digit alternatives, then the scale, percent and currency trees
 * after it), and most numbers of page text are bare years and plain
 * numbers.  False whenever unsure: then the pattern decides.
 *
 * Why the match is the digits alone, alternative by alternative, when
 * the character before is a space, tab, newline or '(' (every
 * lookbehind passes: none refuses these) and after the digits comes
 *  - the end of the text, or ';', ':', ')', '!', '?', or ',' or '.' not
 *    followed by a digit: no date form (they need a digit, a dash, a
 *    space, a month or "yil" next, or a '.' then a digit), quarter or
 *    months (white space, a dash, a letter or "st"...), year range or
 *    suffix, no number grouping or decimal part (a digit after the
 *    separator); the scale and the percent/currency parts are refused by
 *    their own guards (PUNCT, PUNCT_DASH), NOT_AMOUNT lets a year pass;
 *  - one space, then a letter (ASCII or basic Cyrillic) where none of
 *    the followers may match (xcand_follow: scale, percent, currency
 *    words and codes, months, a year's suffix, postposition or range
 *    word, the units of quarters, halves and months that QHU and MUNIT
 *    need); a dash, a number group or a decimal part would need a dash,
 *    a digit or a '.' there.
 * Four digits 19xx or 20xx are then a bare year (the year alternative
 * comes before the figure), any other run a plain number. */
static bool plain_number(const char *t, size_t p, size_t e, size_t *idx,
                         size_t *end)
{
    unsigned char b = p > 0 ? (unsigned char)t[p - 1] : ' ';
    size_t q = p, n;

    if (b != ' ' && b != '\t' && b != '\n' && b != '(')
        return false;
    while (q < e && t[q] >= '0' && t[q] <= '9')
        q++;
    n = q - p;
    if (q < e) {
        unsigned char c = (unsigned char)t[q];

        if (c == ' ') {
            size_t x = q + 1;
            unsigned cp;

            if (x >= e)
                return false;
            if ((unsigned char)t[x] < 0x80) {
                cp = (unsigned char)t[x] | 32u;
                if (cp < 'a' || cp > 'z')
                    return false;
            } else if (xlex_decode(t + x, e - x, &cp) != 2 || cp < 0x410 ||
                       cp > 0x44f) {
                return false;
            } else {
                cp = xlex_lower_cp(cp);
            }
            if (xcand_follow(t, x, e))
                return false;
        } else if (c == ',' || c == '.') {
            if (q + 1 < e && t[q + 1] >= '0' && t[q + 1] <= '9')
                return false;
        } else if (c != ';' && c != ':' && c != ')' && c != '!' &&
                   c != '?') {
            return false;
        }
    }
    *idx = n == 4 && ((t[p] == '1' && t[p + 1] == '9') ||
                      (t[p] == '2' && t[p + 1] == '0'))
               ? year_entry
               : fig_entry;
    *end = q;
    return true;
}

static bool is_period_atom(enum tok_kind k)
{
    return k == TK_YEAR || k == TK_MONTH || k == TK_NMON || k == TK_QH ||
           k == TK_REL;
}

cc_result xpat_scan(struct rx_scratch *rs, const char *t, size_t s, size_t e,
                    struct tok **toks, size_t *ntok, size_t *cap, char *err,
                    size_t errlen)
{
    size_t from = s, lim = s;
    cc_result result = CC_OK;

    if (!pat) {
        result = xpat_init(err, errlen);
        if (result != CC_OK)
            return result;
    }
    while (from < e) {
        bool found, word, quick;
        size_t ms, me, qidx;
        const char *mark, *endp;
        unsigned long idx;
        struct tok *k;

        from = xcand_next(t, from, e);
        if (from >= e)
            break;
        word = word_at(t, from, e);
        quick = !word && !xcand_every && t[from] >= '0' && t[from] <= '9' &&
                plain_number(t, from, e, &qidx, &me);
        if (quick) {
            ms = from;
            idx = qidx;
        } else {
            result = rx_find(word ? wpat : pat, rs, t, e, from, &found, &ms,
                             &me, err, errlen);
            if (result != CC_OK)
                break;
            if (!found) {
                from = rx_next_from(t, e, from, from);
                continue;
            }
        }
        from = rx_next_from(t, e, ms, me);
        if (!quick) {
            mark = rx_mark(rs);
            if (!mark)
                continue;
            /* the marks are the decimal indexes build() wrote */
            idx = 0;
            for (endp = mark; *endp >= '0' && *endp <= '9' && idx < NENTRIES;
                 endp++)
                idx = idx * 10 + (unsigned long)(*endp - '0');
            if (*endp || idx >= NENTRIES || entries[idx].kind == TK_URL) {
                lim = me;
                continue;
            }
        }
        *toks = cc_grow(*toks, cap, *ntok + 1, sizeof **toks);
        k = &(*toks)[*ntok];
        memset(k, 0, sizeof *k);
        k->kind = entries[idx].kind;
        k->sub = entries[idx].sub;
        k->than = entries[idx].than;
        k->start = ms;
        k->end = me;
        if (!quick) {
            decode(t, rs, !word, k);
        } else if (k->kind == TK_YEAR) {
            k->y1 = digits_val(t, ms, me);     /* as decode_year */
            k->bare = true;
        } else {
            k->num.on = true;
            k->num.s = ms;
            k->num.e = me;
        }
        if (is_period_atom(k->kind)) {
            size_t ps = ms;

            k->pre = prep_before(t, lim, ms, &ps, &k->pre_weak);
            k->start = ps;
            if (k->pre != R_NONE)
                k->bare = false;
        }
        if (k->kind == TK_FIG && k->sub == 0 && *ntok > 0 && !k->cpre.on &&
            !k->cur.on) {
            struct tok *p = &(*toks)[*ntok - 1];

            /* a currency word before the number only with a scale:
             * "dollar 22.5 million", not "the dollar 3 times" */
            if (p->kind == TK_CURPRE && p->end <= ms && ms - p->end <= 2 &&
                ((t[p->start] | 32) != 'd' || k->scale.on)) {
                struct tok merged = *k;

                merged.start = p->start;
                merged.cpre.on = true;
                merged.cpre.s = p->start;
                merged.cpre.e = p->end;
                *p = merged;
                lim = me;
                continue;
            }
        }
        if (k->kind == TK_CURPRE && me < e && t[me] >= '0' && t[me] <= '9') {
            size_t ge;

            /* "USD115": the number glued to the code */
            result = glued_fig(rs, t, me, e, k, &ge, err, errlen);
            if (result != CC_OK)
                break;
            if (ge > me) {
                (*ntok)++;
                lim = from = ge;
                continue;
            }
        }
        if (k->kind != TK_NONE) {
            (*ntok)++;
            lim = me;
        }
    }
    return result;
}
