/* Unit tests: verify/extract*.c (figures, periods, dates) and verify/rx.c
 * (the PCRE2 wrapper). */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify/extract.h"
#include "verify/extract_int.h"
#include "verify/rx.h"

/* ---- helpers ------------------------------------------------------------ */

static struct extract_result R;

static void run_ref(const char *s, const char *ref)
{
    struct extract_opts o;
    char err[CC_ERRLEN];
    cc_result result;

    extract_result_clear(&R);
    memset(&o, 0, sizeof o);
    if (ref)
        ck_assert(cc_date_parse_iso(ref, &o.ref_date));
    result = extract_text(s, strlen(s), &o, &R, err, sizeof err);
    ck_assert_msg(result == CC_OK, "extract_text: %s", err);
}

static void run(const char *s)
{
    run_ref(s, NULL);
}

static void teardown(void)
{
    extract_result_clear(&R);
}

static bool near(double a, double b)
{
    double d = a > b ? a - b : b - a;
    double m = (a > 0 ? a : -a) * 1e-9;

    return d <= m + 1e-9;
}

static const struct qty *q(size_t i)
{
    ck_assert_msg(i < R.nq, "only %zu quantities, wanted #%zu", R.nq, i);
    return &R.q[i];
}

static struct cc_period per(int y1, int m1, int y2, int m2)
{
    struct cc_period p = {{0, 0, 0}, {0, 0, 0}};

    if (y1) {
        p.start = (struct cc_date){y1, m1, 1};
        p.end = (struct cc_date){y2, m2, cc_days_in_month(y2, m2)};
    }
    return p;
}

static struct cc_period year(int y)
{
    return per(y, 1, y, 12);
}

static struct cc_period months(int y, int m1, int m2)
{
    return per(y, m1, y, m2);
}

static const struct cc_period NONE = {{0, 0, 0}, {0, 0, 0}};

static void ck_period(const struct qty *x, struct cc_period want)
{
    char a[64], b[64];

    cc_period_fmt(x->period, a, sizeof a);
    cc_period_fmt(want, b, sizeof b);
    ck_assert_msg(cc_period_equal(x->period, want) &&
                      cc_period_set(x->period) == cc_period_set(want),
                  "%s: period %s, want %s", x->text, a, b);
}

static void ck_base(const struct qty *x, struct cc_period want)
{
    char a[64], b[64];

    cc_period_fmt(x->base_period, a, sizeof a);
    cc_period_fmt(want, b, sizeof b);
    ck_assert_msg(cc_period_equal(x->base_period, want) &&
                      cc_period_set(x->base_period) == cc_period_set(want),
                  "%s: base %s, want %s", x->text, a, b);
}

/* kind, value and unit of quantity i */
static const struct qty *ck_q(size_t i, enum qty_kind kind, double value,
                              const char *unit)
{
    const struct qty *x = q(i);

    ck_assert_msg(x->kind == kind, "%s: kind %s", x->text,
                  qty_kind_name(x->kind));
    ck_assert_msg(near(x->value, value), "%s: value %.10g, want %.10g",
                  x->text, x->value, value);
    ck_assert_str_eq(x->unit, unit);
    ck_assert_msg(x->lo <= x->value && x->value <= x->hi, "%s: lo/hi",
                  x->text);
    return x;
}

static void ck_lohi(const struct qty *x, double lo, double hi)
{
    ck_assert_msg(near(x->lo, lo) && near(x->hi, hi),
                  "%s: [%.10g, %.10g], want [%.10g, %.10g]", x->text, x->lo,
                  x->hi, lo, hi);
}

static void ck_text(const struct qty *x, const char *text)
{
    ck_assert_str_eq(x->text, text);
}

/* ---- the seed article (Uzbek), sentence by sentence ---------------------- */

START_TEST(test_seed_trade_by_year)
{
    const struct qty *x;

    run("Bu davr mobaynida O‘zbekiston va Qozog‘iston o‘rtasidagi tovar "
        "ayirboshlash hajmi sezilarli darajada o’sdi: 2020-yilda taxminan "
        "2.9 milliard AQsh dollarini tashkil etib, keyingi yillarda izchil "
        "o’sish ko’rsatdi, 2022-yilda esa 4.9 milliard dollarga yetdi, "
        "2023-yilda esa 4.4 milliard dollar darajasida ayd etildi, bu  ikki "
        "mamlakatning iqtisodiy salohiyati va savdo integratsiyasining "
        "mustahkamligini tasdiqlaydi 15.");
    ck_assert_uint_eq(R.nq, 3);
    x = ck_q(0, QTY_MONEY, 2.9e9, "USD");
    ck_text(x, "2.9 milliard AQsh dollar");
    ck_assert_int_eq(x->qual, QQ_APPROX);
    ck_assert(x->approx);
    ck_period(x, year(2020));
    ck_assert_int_eq(x->measure, QM_TRADE);
    ck_lohi(x, 2.85e9 - 0.145e9, 2.95e9 + 0.145e9);
    x = ck_q(1, QTY_MONEY, 4.9e9, "USD");
    ck_assert_int_eq(x->qual, QQ_EXACT);
    ck_assert(!x->approx);
    ck_period(x, year(2022));
    ck_lohi(x, 4.85e9, 4.95e9);
    x = ck_q(2, QTY_MONEY, 4.4e9, "USD");
    ck_period(x, year(2023));
    ck_assert_int_eq(x->measure, QM_TRADE);
}
END_TEST

START_TEST(test_seed_2021_2025_2030)
{
    const struct qty *x;

    run("Keyingi yillarda ham savdo-iqtisodiy aloqalar strategik tarzda "
        "rivojlandi: 2021- yilda o‘zaro savdo 4,3 milliard dollarga yetdi, "
        "2025- yilda esa bu ko‘rsatkich deyarli  5 milliard dollarga yetdi va "
        "tomonlar uni 2030-yilga borib 10 milliard dollarga oshirishni "
        "maqsad qilganlar 16.");
    ck_assert_uint_eq(R.nq, 3);
    x = ck_q(0, QTY_MONEY, 4.3e9, "USD");
    ck_text(x, "4,3 milliard dollar");
    ck_assert_int_eq(x->qual, QQ_EXACT);
    ck_period(x, year(2021));
    ck_assert_int_eq(x->measure, QM_TRADE);
    ck_assert(!x->target);
    ck_assert_int_eq(x->deadline_year, 0);
    x = ck_q(1, QTY_MONEY, 5e9, "USD");
    ck_assert_int_eq(x->qual, QQ_NEARLY);
    ck_period(x, year(2025));
    ck_lohi(x, 4.5e9, 5.5e9);
    x = ck_q(2, QTY_MONEY, 1e10, "USD");
    ck_assert(x->target);
    ck_assert_int_eq(x->deadline_year, 2030);
    ck_period(x, NONE);
    ck_lohi(x, 9.5e9, 10.5e9);
    /* the byte span is the figure as written */
    ck_assert_uint_eq(x->end - x->start, strlen("10 milliard dollar"));
}
END_TEST

START_TEST(test_seed_jan_nov_2024)
{
    const struct qty *x;

    run("Masalan, 2024-yilning yanvar–noyabr oylarida savdo aylanmasi 3,8 "
        "milliard AQSh dollarini tashkil etdi, buning 1,3 milliard dollari "
        "eksport, 2,5 milliard dollari esa import edi 18.");
    ck_assert_uint_eq(R.nq, 3);
    x = ck_q(0, QTY_MONEY, 3.8e9, "USD");
    ck_period(x, months(2024, 1, 11));
    ck_assert_int_eq(x->measure, QM_TRADE);
    x = ck_q(1, QTY_MONEY, 1.3e9, "USD");
    ck_period(x, months(2024, 1, 11));
    ck_assert_int_eq(x->measure, QM_EXPORT);
    x = ck_q(2, QTY_MONEY, 2.5e9, "USD");
    ck_period(x, months(2024, 1, 11));
    ck_assert_int_eq(x->measure, QM_IMPORT);
}
END_TEST

START_TEST(test_seed_four_months_2025)
{
    const struct qty *x;

    run("2025- yilning birinchi to‘rt oyida o‘zaro savdo 1,4 milliard "
        "dollarga yetib, o‘tgan yilga nisbatan 5% ga oshgani qayd etildi 19.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(0, QTY_MONEY, 1.4e9, "USD");
    ck_period(x, months(2025, 1, 4));
    ck_lohi(x, 1.35e9, 1.45e9);
    ck_assert(!x->change);
    x = ck_q(1, QTY_PERCENT, 5, "percent");
    ck_text(x, "5%");
    ck_assert(x->change);
    ck_assert_int_eq(x->change_sign, 1);
    ck_period(x, months(2025, 1, 4));
    ck_base(x, months(2024, 1, 4));
    ck_lohi(x, 4.5, 5.5);
}
END_TEST

START_TEST(test_seed_joint_ventures)
{
    const struct qty *x;

    run("2025 yil ma’lumotlariga ko‘ra, ikki davlat orasida 6,5 mingdan "
        "ortiq qo‘shma korxona faoliyat yuritmoqda 20.");
    ck_assert_uint_eq(R.nq, 1);
    x = ck_q(0, QTY_COUNT, 6500, "count");
    ck_text(x, "6,5 ming");
    ck_assert_str_eq(x->noun, "qo‘shma korxona");
    ck_assert_int_eq(x->qual, QQ_OVER);
    ck_assert_int_eq(x->measure, QM_VENTURE);
    ck_period(x, year(2025));
    ck_lohi(x, 6450, 7150);

    /* the next sentence: no period of its own, none inherited */
    run("2025 yil ma’lumotlariga ko‘ra, ikki davlat orasida 6,5 mingdan "
        "ortiq qo‘shma korxona faoliyat yuritmoqda 20. Ularning umumiy "
        "portfeli 8 milliard dollarga teng.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(1, QTY_MONEY, 8e9, "USD");
    ck_period(x, NONE);
    ck_assert_int_eq(x->measure, QM_OTHER);
}
END_TEST

START_TEST(test_seed_targets_and_end_of_year)
{
    const struct qty *x;

    run("2025- yil noyabr oyida rahbarlar uchrashuvi bo‘lib o‘tdi, unda "
        "savdo hajmini 10 milliard dollarga yetkazish bo‘yicha strategik "
        "maqsadlar belgilandi  21.");
    ck_assert_uint_eq(R.nq, 1);
    x = ck_q(0, QTY_MONEY, 1e10, "USD");
    ck_assert(x->target);
    ck_assert_int_eq(x->deadline_year, 0);
    ck_period(x, months(2025, 11, 11));
    ck_assert_int_eq(x->measure, QM_TRADE);

    run("2024 yil yakuni bo‘yicha 3,8 milliard dollarlik savdo hajmi va 6,5 "
        "mingdan ortiq qo‘shma korxona ikki davlatni iqtisodiy jihatdan "
        "bir-biriga bog‘laydi.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(0, QTY_MONEY, 3.8e9, "USD");
    ck_text(x, "3,8 milliard dollar");
    ck_period(x, year(2024));
    ck_assert_int_eq(x->measure, QM_TRADE);
    x = ck_q(1, QTY_COUNT, 6500, "count");
    ck_period(x, year(2024));
    ck_assert_int_eq(x->measure, QM_VENTURE);

    run("2025-yil noyabr oyidagi muzokaralarda savdo hajmini 10 milliard "
        "dollarga yetkazish strategiyasi belgilandi.");
    ck_assert_uint_eq(R.nq, 1);
    x = ck_q(0, QTY_MONEY, 1e10, "USD");
    ck_assert(x->target);
    ck_period(x, months(2025, 11, 11));
}
END_TEST

START_TEST(test_seed_raw_pdf_text)
{
    /* the file as pdftotext leaves it: a blank line after every line */
    const char *raw =
        "O‘zbekiston va Qozog‘iston o‘rtasidagi tovar ayirboshlash hajmi "
        "sezilarli darajada o’sdi: \n \n"
        "2020-yilda taxminan 2.9 milliard AQsh dollarini tashkil etib, "
        "keyingi yillarda izchil o’sish \n \n"
        "ko’rsatdi, 2022-yilda esa 4.9 milliard dollarga yetdi, 2023-yilda "
        "esa 4.4 milliard dollar \n \n"
        "darajasida ayd etildi 15. Keyingi yillarda ham savdo-iqtisodiy "
        "aloqalar strategik tarzda \n \n"
        "rivojlandi: 2021- yilda o‘zaro savdo 4,3 milliard dollarga yetdi, "
        "2025- yilda esa bu ko‘rsatkich \n \n"
        "deyarli  5 milliard dollarga yetdi va tomonlar uni 2030-yilga borib "
        "10 milliard dollarga \n \n"
        "oshirishni maqsad qilganlar 16. Bu raqamlar ikki davlat "
        "o‘rtasidagi iqtisodiy integratsiyaning \n \n";

    run(raw);
    ck_assert_uint_eq(R.nq, 6);
    ck_period(ck_q(0, QTY_MONEY, 2.9e9, "USD"), year(2020));
    ck_period(ck_q(1, QTY_MONEY, 4.9e9, "USD"), year(2022));
    ck_period(ck_q(2, QTY_MONEY, 4.4e9, "USD"), year(2023));
    ck_period(ck_q(3, QTY_MONEY, 4.3e9, "USD"), year(2021));
    ck_period(ck_q(4, QTY_MONEY, 5e9, "USD"), year(2025));
    ck_assert_int_eq(ck_q(5, QTY_MONEY, 1e10, "USD")->deadline_year, 2030);
    ck_assert_uint_eq(R.nd, 0);
}
END_TEST

START_TEST(test_seed_negatives)
{
    run("2016 - yil O‘zbekiston tashqi siyosatida strategik jihatdan "
        "burilish va o’zgarishlar boshlangan nuqta sifa tida e’tirof "
        "etiladi.");
    ck_assert_uint_eq(R.nq, 0);
    run("Abdurazakova, K.Y. (2025). The Impact of Uzbekistan-Kazakhstan "
        "Relations on the Central Asian Region. International Journal of "
        "History and Political Sciences, 05(03), 20–24.");
    ck_assert_uint_eq(R.nq, 0);
    ck_assert_uint_eq(R.nd, 0);
    run("Oliy ta’lim sohasidagi almashinuvlar, qo‘shma ilmiy dasturlar va "
        "madaniy loyihalar 2023–2024 yillarda jadal rivojlandi .");
    ck_assert_uint_eq(R.nq, 0);
    run("O’zbekiston va Qozog’iston o’ratsidagi rasmiy do’stona hamkorlik "
        "aloqalari 1998 - yilda imzolangan shartnoma bilan mustahkam asosga "
        "ega bo‘lgan va keyinchalik 2013-yilda yangilangan “Strategik "
        "sheriklik shartnomasi” bilan yanada chuqurlashgan 14.");
    ck_assert_uint_eq(R.nq, 0);
    run("15Uzbekistan’s trade turnover with Kazakhstan over past 4 years "
        "revealed, Trend.Az, 7 Apr 2024.");
    ck_assert_uint_eq(R.nq, 0);
    ck_assert_uint_eq(R.nd, 1);
    run("19 Trade turnover between Uzbekistan and Kazakhstan approaches "
        "$1.4 b illion, UzA / Kazinform, 24 May 2025.");
    ck_assert_uint_eq(R.nq, 1);
    ck_assert_int_eq(ck_q(0, QTY_MONEY, 1.4e9, "USD")->qual, QQ_NEARLY);
    ck_assert_uint_eq(R.nd, 1);
}
END_TEST

/* ---- the cited pages' facts, as English news sentences ------------------ */

START_TEST(test_source_15_trend)
{
    const struct qty *x;
    static const int years[] = {2020, 2021, 2022, 2023};
    static const double vals[] = {2.9e9, 3.9e9, 4.9e9, 4.4e9};

    run("Uzbekistan's trade turnover with Kazakhstan amounted to $2.9 "
        "billion in 2020, $3.9 billion in 2021, $4.9 billion in 2022 and "
        "$4.4 billion in 2023, down about 10% on 2022, according to "
        "Uzbekistan's statistics agency.");
    ck_assert_uint_eq(R.nq, 5);
    for (size_t i = 0; i < 4; i++) {
        x = ck_q(i, QTY_MONEY, vals[i], "USD");
        ck_period(x, year(years[i]));
        ck_assert_int_eq(x->measure, QM_TRADE);
        ck_assert_int_eq(x->qual, QQ_EXACT);
    }
    x = ck_q(4, QTY_PERCENT, 10, "percent");
    ck_assert(x->change);
    ck_assert_int_eq(x->change_sign, -1);
    ck_assert_int_eq(x->qual, QQ_APPROX);
    ck_period(x, year(2023));
    ck_base(x, year(2022));
}
END_TEST

START_TEST(test_source_16_18_caspian)
{
    const struct qty *x;

    run("In January–November 2024, trade turnover between the two countries "
        "reached $3.8 billion, making Kazakhstan Uzbekistan's third largest "
        "trade partner after China and Russia. The two governments aim to "
        "raise trade to $10 billion in the medium term.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(0, QTY_MONEY, 3.8e9, "USD");
    ck_period(x, months(2024, 1, 11));
    ck_assert_int_eq(x->measure, QM_TRADE);
    x = ck_q(1, QTY_MONEY, 1e10, "USD");
    ck_assert(x->target);
    ck_assert_int_eq(x->deadline_year, 0);
    ck_period(x, NONE);

    run("In January–November 2024, Uzbek exports to Kazakhstan amounted to "
        "$1.3 billion, while imports from Kazakhstan reached $2.5 billion, "
        "about 3% less than in January–November 2023.");
    ck_assert_uint_eq(R.nq, 3);
    x = ck_q(0, QTY_MONEY, 1.3e9, "USD");
    ck_assert_int_eq(x->measure, QM_EXPORT);
    ck_period(x, months(2024, 1, 11));
    x = ck_q(1, QTY_MONEY, 2.5e9, "USD");
    ck_assert_int_eq(x->measure, QM_IMPORT);
    ck_period(x, months(2024, 1, 11));
    x = ck_q(2, QTY_PERCENT, 3, "percent");
    ck_assert_int_eq(x->qual, QQ_APPROX);
    ck_assert(x->change);
    ck_assert_int_eq(x->change_sign, -1);
    ck_period(x, months(2024, 1, 11));
    ck_base(x, months(2023, 1, 11));

    run("Uzbekistan-Kazakhstan trade turnover tops $3.8 billion in 2024");
    x = ck_q(0, QTY_MONEY, 3.8e9, "USD");
    ck_assert_int_eq(x->qual, QQ_OVER);
    ck_period(x, year(2024));
    ck_lohi(x, 3.75e9, 4.18e9);

    /* "the figure" refers back to the previous money figure's measure */
    run("In 2020, trade turnover stood at $2.9 billion. In 2021, the figure "
        "climbed to $3.9 billion. In 2022, a bank lent $1 billion.");
    ck_assert_int_eq(ck_q(1, QTY_MONEY, 3.9e9, "USD")->measure, QM_TRADE);
    ck_assert_int_eq(ck_q(2, QTY_MONEY, 1e9, "USD")->measure, QM_OTHER);
}
END_TEST

START_TEST(test_source_17_pm)
{
    run("Prime Minister Olzhas Bektenov paid a working visit to Tashkent on "
        "15 March 2024 and met President Shavkat Mirziyoyev. Bilateral trade "
        "in 2023 amounted to $4.5 billion.");
    ck_assert_uint_eq(R.nq, 1);
    ck_period(ck_q(0, QTY_MONEY, 4.5e9, "USD"), year(2023));
    ck_assert_uint_eq(R.nd, 1);
    ck_assert_int_eq(R.d[0].date.y, 2024);
    ck_assert_int_eq(R.d[0].date.m, 3);
    ck_assert_int_eq(R.d[0].date.d, 15);
    ck_assert_str_eq(R.d[0].text, "15 March 2024");
}
END_TEST

START_TEST(test_source_19_uza)
{
    const struct qty *x;

    run("In January–April 2025, trade turnover between Uzbekistan and "
        "Kazakhstan amounted to $1.39 billion, up 5.1% on January–April 2024 "
        "($1.32 billion).");
    ck_assert_uint_eq(R.nq, 3);
    x = ck_q(0, QTY_MONEY, 1.39e9, "USD");
    ck_period(x, months(2025, 1, 4));
    ck_assert_int_eq(x->measure, QM_TRADE);
    x = ck_q(1, QTY_PERCENT, 5.1, "percent");
    ck_assert(x->change);
    ck_assert_int_eq(x->change_sign, 1);
    ck_period(x, months(2025, 1, 4));
    ck_base(x, months(2024, 1, 4));
    ck_lohi(x, 5.05, 5.15);
    x = ck_q(2, QTY_MONEY, 1.32e9, "USD");
    ck_period(x, months(2024, 1, 4));

    run("Trade turnover between Uzbekistan and Kazakhstan approaches $1.4 b "
        "illion");
    x = ck_q(0, QTY_MONEY, 1.4e9, "USD");
    ck_text(x, "$1.4 b illion");
    ck_assert_int_eq(x->qual, QQ_NEARLY);
    ck_lohi(x, 1.26e9, 1.45e9);
}
END_TEST

START_TEST(test_source_20_kazinform)
{
    const struct qty *x;

    run("Kazakhstan and Uzbekistan are developing 78 joint industrial "
        "cooperation projects worth USD 1.7 bln; 14 of them are already "
        "running.");
    ck_assert_uint_eq(R.nq, 2);   /* "14 of them" is no count */
    x = ck_q(0, QTY_COUNT, 78, "count");
    ck_assert_str_eq(x->noun, "joint industrial cooperation projects");
    ck_assert_int_eq(x->measure, QM_PROJECT);
    ck_text(x, "78");
    x = ck_q(1, QTY_MONEY, 1.7e9, "USD");
    ck_text(x, "USD 1.7 bln");
}
END_TEST

START_TEST(test_source_21_kursiv)
{
    const struct qty *x;

    run("Ministers Laziz Kudratov and Arman Shakkaliev signed a programme to "
        "raise trade turnover to $10 billion by 2030. Trade turnover in 2024 "
        "was about $4.3 billion.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(0, QTY_MONEY, 1e10, "USD");
    ck_assert(x->target);
    ck_assert_int_eq(x->deadline_year, 2030);
    ck_period(x, NONE);
    ck_assert_int_eq(x->measure, QM_TRADE);
    x = ck_q(1, QTY_MONEY, 4.3e9, "USD");
    ck_assert_int_eq(x->qual, QQ_APPROX);
    ck_period(x, year(2024));

    run("Uzbekistan and Kazakhstan set $10 bn trade turnover target");
    x = ck_q(0, QTY_MONEY, 1e10, "USD");
    ck_assert(x->target);
    ck_assert_int_eq(x->measure, QM_TRADE);

    run("In March 2025 the ministers signed a programme to raise trade to "
        "$10bn by 2030.");
    x = ck_q(0, QTY_MONEY, 1e10, "USD");
    ck_assert_int_eq(x->deadline_year, 2030);
    ck_period(x, NONE);
}
END_TEST

START_TEST(test_distractors_and_relative)
{
    const struct qty *x;

    run_ref("Uzbekistan–Tajikistan trade hits $198.1 million in January–April",
            "2025-05-24");
    x = ck_q(0, QTY_MONEY, 198.1e6, "USD");
    ck_period(x, months(2025, 1, 4));
    run("Uzbekistan–Tajikistan trade hits $198.1 million in January–April");
    ck_period(ck_q(0, QTY_MONEY, 198.1e6, "USD"), NONE);

    run_ref("Last year trade reached $4.4 billion, and this year it may reach "
            "$5 billion.",
            "2025-11-14");
    ck_period(ck_q(0, QTY_MONEY, 4.4e9, "USD"), year(2024));
    ck_period(ck_q(1, QTY_MONEY, 5e9, "USD"), year(2025));
    run("Last year trade reached $4.4 billion.");
    ck_period(ck_q(0, QTY_MONEY, 4.4e9, "USD"), NONE);
}
END_TEST

/* ---- Russian ------------------------------------------------------------ */

START_TEST(test_russian)
{
    const struct qty *x;

    run("В январе–ноябре 2024 года товарооборот составил 3,8 млрд долларов, "
        "что на 3% меньше, чем за аналогичный период 2023 года. К 2030 году "
        "стороны намерены довести товарооборот до 10 млрд долларов.");
    ck_assert_uint_eq(R.nq, 3);
    x = ck_q(0, QTY_MONEY, 3.8e9, "USD");
    ck_text(x, "3,8 млрд долларов");
    ck_period(x, months(2024, 1, 11));
    ck_assert_int_eq(x->measure, QM_TRADE);
    x = ck_q(1, QTY_PERCENT, 3, "percent");
    ck_assert(x->change);
    ck_assert_int_eq(x->change_sign, -1);
    ck_base(x, months(2023, 1, 11));
    x = ck_q(2, QTY_MONEY, 1e10, "USD");
    ck_assert(x->target);
    ck_assert_int_eq(x->deadline_year, 2030);
    ck_assert_int_eq(x->qual, QQ_EXACT);

    run("Товарооборот за январь–апрель 2025 года вырос на 5,1% по сравнению "
        "с аналогичным периодом прошлого года и составил 1,39 млрд "
        "долларов.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(0, QTY_PERCENT, 5.1, "percent");
    ck_assert_int_eq(x->change_sign, 1);
    ck_period(x, months(2025, 1, 4));
    ck_base(x, months(2024, 1, 4));
    ck_period(ck_q(1, QTY_MONEY, 1.39e9, "USD"), months(2025, 1, 4));

    run("В 2024 году более 6,5 тыс. совместных предприятий работали, а "
        "объем инвестиций составил 1,7 млрд долл. США.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(0, QTY_COUNT, 6500, "count");
    ck_assert_int_eq(x->qual, QQ_OVER);
    ck_assert_int_eq(x->measure, QM_VENTURE);
    ck_period(x, year(2024));
    x = ck_q(1, QTY_MONEY, 1.7e9, "USD");
    ck_text(x, "1,7 млрд долл. США");
    ck_assert_int_eq(x->measure, QM_INVEST);
    ck_period(x, year(2024));

    run("В I квартале 2025 года товарооборот составил 1,2 млрд долларов, "
        "увеличившись на 7% по сравнению с I кварталом 2024 года.");
    ck_period(ck_q(0, QTY_MONEY, 1.2e9, "USD"), months(2025, 1, 3));
    x = ck_q(1, QTY_PERCENT, 7, "percent");
    ck_period(x, months(2025, 1, 3));
    ck_base(x, months(2024, 1, 3));

    run("За 11 месяцев 2024 года объём торговли достиг 3,8 млрд долларов.");
    ck_period(ck_q(0, QTY_MONEY, 3.8e9, "USD"), months(2024, 1, 11));
    run("До 2030 года товарооборот планируется довести до 10 млрд "
        "долларов.");
    x = ck_q(0, QTY_MONEY, 1e10, "USD");
    ck_assert_int_eq(x->deadline_year, 2030);
    ck_period(x, NONE);
    run("Товарооборот вырос до 12% в 2024 году.");
    x = ck_q(0, QTY_PERCENT, 12, "percent");
    ck_assert(!x->change);    /* a level reached, not a rate */
    ck_period(x, year(2024));
    run("Цены снизились примерно на 10% в 2023 году.");
    x = ck_q(0, QTY_PERCENT, 10, "percent");
    ck_assert_int_eq(x->qual, QQ_APPROX);
    ck_assert_int_eq(x->change_sign, -1);
}
END_TEST

START_TEST(test_uzbek_variants)
{
    const struct qty *x;
    static const char *const apo[] = {
        "6,5 mingdan ortiq qo'shma korxona ishlaydi.",
        "6,5 mingdan ortiq qoʻshma korxona ishlaydi.",
        "6,5 mingdan ortiq qo`shma korxona ishlaydi.",
        "6,5 mingdan ortiq qo’shma korxonalar ishlaydi.",
    };

    for (size_t i = 0; i < sizeof apo / sizeof apo[0]; i++) {
        run(apo[i]);
        x = ck_q(0, QTY_COUNT, 6500, "count");
        ck_assert_int_eq(x->measure, QM_VENTURE);
        ck_assert_int_eq(x->qual, QQ_OVER);
    }
    /* Cyrillic Uzbek */
    run("2024 йилда савдо айланмаси 3,8 миллиард долларни ташкил этди, 6,5 "
        "мингдан ортиқ қўшма корхона.");
    x = ck_q(0, QTY_MONEY, 3.8e9, "USD");
    ck_text(x, "3,8 миллиард доллар");
    ck_period(x, year(2024));
    ck_assert_int_eq(x->measure, QM_TRADE);
    x = ck_q(1, QTY_COUNT, 6500, "count");
    ck_assert_int_eq(x->measure, QM_VENTURE);
    ck_period(x, year(2024));
    /* qualifiers after the figure */
    run("Savdo hajmi 5 milliard dollardan oshdi.");
    ck_assert_int_eq(ck_q(0, QTY_MONEY, 5e9, "USD")->qual, QQ_OVER);
    run("Savdo hajmi 5 milliard dollarga yaqin, 2 milliard dollar atrofida.");
    x = ck_q(0, QTY_MONEY, 5e9, "USD");
    ck_assert_int_eq(x->qual, QQ_NEARLY);
    x = ck_q(1, QTY_MONEY, 2e9, "USD");
    ck_assert_int_eq(x->qual, QQ_APPROX);
    ck_lohi(x, 1.4e9, 2.6e9);
    /* thousands separated by NBSP and thin spaces */
    run("Jami 1\u00a0500 million tenge va 2\u202f500 so‘m.");
    ck_q(0, QTY_MONEY, 1.5e9, "KZT");
    ck_q(1, QTY_MONEY, 2500, "UZS");
}
END_TEST

START_TEST(test_comparison_periods)
{
    const struct qty *x;

    run("In January–March 2025 trade rose 5% compared with the same period "
        "of 2024.");
    x = ck_q(0, QTY_PERCENT, 5, "percent");
    ck_period(x, months(2025, 1, 3));
    ck_base(x, months(2024, 1, 3));
    run("Trade rose 5% compared with the same period of 2024 in "
        "January–March 2025.");
    x = ck_q(0, QTY_PERCENT, 5, "percent");
    ck_period(x, months(2025, 1, 3));
    ck_base(x, months(2024, 1, 3));
    run("Trade was $1.2 billion in Q1 2025, 4% more than a year earlier.");
    x = ck_q(1, QTY_PERCENT, 4, "percent");
    ck_assert_int_eq(x->change_sign, 1);
    ck_assert_int_eq(x->qual, QQ_EXACT);
    ck_base(x, months(2024, 1, 3));
    run("Exports in January-April 2025 amounted to $0.6 billion (up 7.2% "
        "y/y).");
    x = ck_q(1, QTY_PERCENT, 7.2, "percent");
    ck_period(x, months(2025, 1, 4));
    ck_base(x, months(2024, 1, 4));
    run_ref("В прошлом году товарооборот составил 4,4 млрд долларов.",
            "2025-11-14");
    ck_period(ck_q(0, QTY_MONEY, 4.4e9, "USD"), year(2024));
    run("Trade was up 5.1% from January–April 2024.");
    ck_base(ck_q(0, QTY_PERCENT, 5.1, "percent"), months(2024, 1, 4));
    run("Turnover was about 3% less than January–November 2023.");
    x = ck_q(0, QTY_PERCENT, 3, "percent");
    ck_assert_int_eq(x->change_sign, -1);
    ck_base(x, months(2023, 1, 11));
    run("С 2016 по 2024 год товарооборот вырос на 50%.");
    x = ck_q(0, QTY_PERCENT, 50, "percent");
    ck_period(x, per(2016, 1, 2024, 12));
    ck_base(x, NONE);
    run("2024 yilga nisbatan savdo 10 foizga o‘sdi 2025 yilda.");
    x = ck_q(0, QTY_PERCENT, 10, "percent");
    ck_assert_int_eq(x->change_sign, 1);
    ck_base(x, year(2024));
}
END_TEST

/* ---- money forms -------------------------------------------------------- */

START_TEST(test_money_forms)
{
    static const struct {
        const char *s;
        double v;
        const char *unit;
        const char *text;
    } t[] = {
        {"It was 4,3 milliard dollar.", 4.3e9, "USD", "4,3 milliard dollar"},
        {"It was 2.9 milliard AQsh dollarini.", 2.9e9, "USD", NULL},
        {"It was 1,3 milliard dollari.", 1.3e9, "USD", "1,3 milliard dollar"},
        {"It was 3,8 milliard dollarlik.", 3.8e9, "USD", NULL},
        {"It was $3.8 billion.", 3.8e9, "USD", "$3.8 billion"},
        {"It was US$ 3.8 bn.", 3.8e9, "USD", "US$ 3.8 bn"},
        {"It was USD 1.7 bln.", 1.7e9, "USD", NULL},
        {"It was $10 bn.", 1e10, "USD", NULL},
        {"It was $1.39 billion.", 1.39e9, "USD", NULL},
        {"It was 3,8 млрд долларов.", 3.8e9, "USD", NULL},
        {"It was 1,7 млрд долл. США.", 1.7e9, "USD", NULL},
        {"It was $198.1 million.", 198.1e6, "USD", NULL},
        {"It was 2.5 billion dollars.", 2.5e9, "USD", "2.5 billion dollars"},
        {"It was €3 million.", 3e6, "EUR", NULL},
        {"It was 500 million tenge.", 5e8, "KZT", NULL},
        {"It was KZT 1.2 trillion.", 1.2e12, "KZT", NULL},
        {"It was 1,5 trln so‘m.", 1.5e12, "UZS", NULL},
        {"It was 2 500 сум.", 2500, "UZS", NULL},
        {"It was 10 000 UZS.", 10000, "UZS", NULL},
        {"It was $1.4b.", 1.4e9, "USD", NULL},
        {"It was $250k.", 250e3, "USD", NULL},
        {"It was $1,080 million.", 1080e6, "USD", NULL},
        {"It was 1.234,5 млн рублей.", 1234.5e6, "RUB", NULL},
        {"It was 3,5 миллиарда долларов.", 3.5e9, "USD", NULL},
    };

    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        run(t[i].s);
        if (!t[i].unit) {
            ck_assert_uint_eq(R.nq, 0);
            continue;
        }
        ck_assert_msg(R.nq == 1, "%s: %zu quantities", t[i].s, R.nq);
        ck_q(0, QTY_MONEY, t[i].v, t[i].unit);
        if (t[i].text)
            ck_text(q(0), t[i].text);
    }
}
END_TEST

START_TEST(test_money_ranges_and_inheritance)
{
    const struct qty *x;

    run("Exports of $1.3 billion and imports of 2.5 billion were recorded.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(1, QTY_MONEY, 2.5e9, "USD");
    ck_assert_int_eq(x->measure, QM_IMPORT);
    run("Trade could reach $3-4 billion.");
    x = ck_q(0, QTY_MONEY, 3.5e9, "USD");
    ck_lohi(x, 2.5e9, 4.5e9);
    run("Pages 20–24 and 5-6 cover it.");
    ck_assert_uint_eq(R.nq, 0);
}
END_TEST

/* ---- percentages -------------------------------------------------------- */

START_TEST(test_percent)
{
    const struct qty *x;

    run("Trade rose 5.1 percent year-on-year to $1.39 billion in the first "
        "four months of 2025.");
    x = ck_q(0, QTY_PERCENT, 5.1, "percent");
    ck_assert_int_eq(x->change_sign, 1);
    ck_period(x, months(2025, 1, 4));
    ck_base(x, months(2024, 1, 4));
    ck_period(ck_q(1, QTY_MONEY, 1.39e9, "USD"), months(2025, 1, 4));

    run("Exports grew by 12% in Q1 2025, while imports fell 3.2% in the "
        "first half of 2024.");
    x = ck_q(0, QTY_PERCENT, 12, "percent");
    ck_assert_int_eq(x->change_sign, 1);
    ck_assert_int_eq(x->measure, QM_EXPORT);
    ck_period(x, months(2025, 1, 3));
    x = ck_q(1, QTY_PERCENT, 3.2, "percent");
    ck_assert_int_eq(x->change_sign, -1);
    ck_assert_int_eq(x->measure, QM_IMPORT);
    ck_period(x, months(2024, 1, 6));

    run("Turnover was up 2 p.p. and inflation down 1.5 percentage points.");
    x = ck_q(0, QTY_PERCENT, 2, "pp");
    ck_assert(x->change);
    x = ck_q(1, QTY_PERCENT, 1.5, "pp");
    ck_assert_int_eq(x->change_sign, -1);

    run("Savdo 2024 yilda 10 foizga oshdi, eksport esa 5,1% ga kamaydi.");
    x = ck_q(0, QTY_PERCENT, 10, "percent");
    ck_text(x, "10 foiz");
    ck_assert_int_eq(x->change_sign, 1);
    ck_period(x, year(2024));
    x = ck_q(1, QTY_PERCENT, 5.1, "percent");
    ck_assert_int_eq(x->change_sign, -1);

    run("Kazakhstan accounts for 12% of Uzbekistan's trade.");
    x = ck_q(0, QTY_PERCENT, 12, "percent");
    ck_assert(!x->change);
    ck_assert_int_eq(x->change_sign, 0);

    run("The share rose to 12% in 2024.");
    ck_assert(!ck_q(0, QTY_PERCENT, 12, "percent")->change);

    run("Prices fell by less than 5%.");
    x = ck_q(0, QTY_PERCENT, 5, "percent");
    ck_assert_int_eq(x->qual, QQ_UNDER);
    ck_lohi(x, 4.5, 5.5);
}
END_TEST

/* ---- counts ------------------------------------------------------------- */

START_TEST(test_counts)
{
    const struct qty *x;

    run("Uzbekistan had more than 6,500 joint ventures with Kazakhstan in "
        "2024 and 78 joint projects, 14 of them already running.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(0, QTY_COUNT, 6500, "count");
    ck_assert_str_eq(x->noun, "joint ventures");
    ck_assert_int_eq(x->qual, QQ_OVER);
    ck_assert_int_eq(x->measure, QM_VENTURE);
    ck_period(x, year(2024));
    x = ck_q(1, QTY_COUNT, 78, "count");
    ck_assert_int_eq(x->measure, QM_PROJECT);

    run("In 2023, 1,080 companies and 500 thousand tourists came, and 1.2 "
        "million tons of grain, 3 times more.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(0, QTY_COUNT, 1080, "count");
    ck_assert_int_eq(x->measure, QM_COMPANY);
    x = ck_q(1, QTY_COUNT, 500e3, "count");
    ck_assert_str_eq(x->noun, "tourists");
    ck_assert_int_eq(x->measure, QM_OTHER);

    run("Ikki davlat 78 ta qo‘shma loyihani amalga oshirmoqda.");
    x = ck_q(0, QTY_COUNT, 78, "count");
    ck_assert_int_eq(x->measure, QM_PROJECT);
}
END_TEST

START_TEST(test_not_counts)
{
    static const char *const s[] = {
        "14 of them are already running.",
        "The meeting lasted 3 hours on 15 March.",
        "He was 45 years old in 2020.",
        "In 2024 Kazakhstan and Uzbekistan signed 2016 papers.",
        "The COVID-19 pandemic hit trade.",
        "At 10:30 the talks began.",
        "See p. 24 and No. 5 and Article 7 for details.",
        "Chapter 5 covers the 2016-2024 period.",
        "It ranks 3rd and 1-chorak natijalari keyin.",
        "Bu 3 marta ko‘p, 2 baravar oshdi.",
        "Trade grew in the 1990s.",
        "It was 5G and [12] and #3.",
    };

    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        run(s[i]);
        ck_assert_msg(R.nq == 0, "%s: %zu quantities (first: %s)", s[i],
                      R.nq, R.nq ? R.q[0].text : "");
    }
}
END_TEST

/* ---- periods ------------------------------------------------------------ */

START_TEST(test_periods)
{
    static const struct {
        const char *s;
        int y1, m1, y2, m2;
    } t[] = {
        {"In 2022 trade was $4.9 billion.", 2022, 1, 2022, 12},
        {"Trade was $4.9 billion in 2022.", 2022, 1, 2022, 12},
        {"2023 yil savdo 4.4 milliard dollar.", 2023, 1, 2023, 12},
        {"В 2024 году товарооборот 3,8 млрд долларов.", 2024, 1, 2024, 12},
        {"Yanvar-aprel oylarida 2025 yil savdo 1,4 milliard dollar.", 2025, 1,
         2025, 4},
        {"From January to November 2024 trade was $3.8 billion.", 2024, 1,
         2024, 11},
        {"In 2025, from January through April, trade was $1.4 billion.", 2025,
         1, 2025, 4},
        {"In the first four months of 2025 trade was $1.4 billion.", 2025, 1,
         2025, 4},
        {"Over eleven months of 2024, trade was $3.8bn.", 2024, 1, 2024, 11},
        {"In 10 months of 2021 trade was $3.1 billion.", 2021, 1, 2021, 10},
        {"In March 2025 exports were $0.3 billion.", 2025, 3, 2025, 3},
        {"2025- yil noyabr oyida savdo 0,5 milliard dollar.", 2025, 11, 2025,
         11},
        {"Trade reached $3.8 billion by the end of 2024.", 2024, 1, 2024, 12},
        {"2024 yil yakuni bo‘yicha savdo 3,8 milliard dollar.", 2024, 1, 2024,
         12},
        {"In Q1 2025 trade was $1 billion.", 2025, 1, 2025, 3},
        {"In the first half of 2024 trade was $2 billion.", 2024, 1, 2024, 6},
        {"2025 yilning 1-chorakida savdo 1 milliard dollar.", 2025, 1, 2025,
         3},
        {"2025 yilning birinchi yarmida savdo 2 milliard dollar.", 2025, 1,
         2025, 6},
        {"2024 yilning o‘n bir oyida savdo 3,8 milliard dollar.", 2024, 1,
         2024, 11},
        {"In 2023–2024 trade totalled $8.3 billion.", 2023, 1, 2024, 12},
        {"2016-yildan 2024-yilgacha savdo 20 milliard dollar bo‘ldi.", 2016, 1,
         2024, 12},
        {"Trade: 2022 — $4.9 billion.", 2022, 1, 2022, 12},
        {"С января по ноябрь 2024 года товарооборот 3,8 млрд долларов.", 2024,
         1, 2024, 11},
        {"Yanvardan noyabrgacha 2024 yilda savdo 3,8 milliard dollar.", 2024,
         1, 2024, 11},
        {"In January–November trade was $3.8 billion, in 2024.", 0, 0, 0, 0},
    };

    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        run(t[i].s);
        ck_assert_msg(R.nq == 1, "%s: %zu quantities", t[i].s, R.nq);
        ck_period(q(0), t[i].y1 ? per(t[i].y1, t[i].m1, t[i].y2, t[i].m2)
                                : NONE);
    }
}
END_TEST

START_TEST(test_period_binding)
{
    const struct qty *x;

    run("In 2021 trade was $3.9 billion and $4.9 billion in 2022.");
    ck_period(ck_q(0, QTY_MONEY, 3.9e9, "USD"), year(2021));
    ck_period(ck_q(1, QTY_MONEY, 4.9e9, "USD"), year(2022));

    /* binding never crosses a sentence end; "4.9" is no sentence end */
    run("Trade in 2023 was $4.4 billion. It may reach $4.9 billion soon.");
    ck_period(ck_q(0, QTY_MONEY, 4.4e9, "USD"), year(2023));
    ck_period(ck_q(1, QTY_MONEY, 4.9e9, "USD"), NONE);
    run("In 2023 trade was 4.9 billion dollars, up 4.9% from 2022.");
    ck_period(ck_q(0, QTY_MONEY, 4.9e9, "USD"), year(2023));
    x = ck_q(1, QTY_PERCENT, 4.9, "percent");
    ck_period(x, year(2023));
    ck_base(x, year(2022));
    /* "since" is no period */
    run("Since 2016 trade has grown to $4.4 billion.");
    ck_period(ck_q(0, QTY_MONEY, 4.4e9, "USD"), NONE);
    /* a deadline applies in its clause only */
    run("Trade reached $4.4 billion in 2023 and should hit $10 billion by "
        "2030.");
    x = ck_q(0, QTY_MONEY, 4.4e9, "USD");
    ck_period(x, year(2023));
    ck_assert_int_eq(x->deadline_year, 0);
    x = ck_q(1, QTY_MONEY, 1e10, "USD");
    ck_assert_int_eq(x->deadline_year, 2030);
    ck_period(x, NONE);
    run("The sides aim to reach $10 billion by the end of 2030.");
    x = ck_q(0, QTY_MONEY, 1e10, "USD");
    ck_assert(x->target);
    ck_assert_int_eq(x->deadline_year, 2030);
    run("2030 yilgacha savdo hajmini 10 milliard dollarga yetkazish "
        "rejalashtirilgan.");
    x = ck_q(0, QTY_MONEY, 1e10, "USD");
    ck_assert(x->target);
    ck_assert_int_eq(x->deadline_year, 2030);
    run_ref("Savdo joriy yilda 2 milliard dollarga yetdi.", "2025-11-14");
    ck_period(ck_q(0, QTY_MONEY, 2e9, "USD"), year(2025));
}
END_TEST

/* ---- dates -------------------------------------------------------------- */

START_TEST(test_dates)
{
    static const struct {
        const char *s;
        int y, m, d;
    } t[] = {
        {"Trend.Az, 7 Apr 2024.", 2024, 4, 7},
        {"Published 7 April 2024.", 2024, 4, 7},
        {"Published April 7, 2024.", 2024, 4, 7},
        {"Published 2024-04-07.", 2024, 4, 7},
        {"Опубликовано 16.03.2025.", 2025, 3, 16},
        {"Опубликовано 16 марта 2025 года.", 2025, 3, 16},
        {"E’lon qilingan: 7-aprel 2024.", 2024, 4, 7},
        {"2024-yil 7-aprel kuni.", 2024, 4, 7},
        {"Kazinform, 14 Nov 2025 .", 2025, 11, 14},
        {"Caspian Post, 26 Dec 2024.", 2024, 12, 26},
    };

    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        run(t[i].s);
        ck_assert_msg(R.nd == 1, "%s: %zu dates", t[i].s, R.nd);
        ck_assert_int_eq(R.d[0].date.y, t[i].y);
        ck_assert_int_eq(R.d[0].date.m, t[i].m);
        ck_assert_int_eq(R.d[0].date.d, t[i].d);
        ck_assert_uint_eq(R.nq, 0);
    }
    run("Not dates: 31 February 2024, 2024-13-01, 45.03.2025.");
    ck_assert_uint_eq(R.nd, 0);
    run("Trend.Az, 7 Apr 2024. Caspian Post, 26 Dec 2024.");
    ck_assert_uint_eq(R.nd, 2);
    ck_assert_str_eq(R.d[1].text, "26 Dec 2024");
    ck_assert_uint_eq(R.d[1].end - R.d[1].start, strlen("26 Dec 2024"));
}
END_TEST

/* ---- robustness --------------------------------------------------------- */

START_TEST(test_invalid_utf8_and_append)
{
    static const char bad[] = "Savdo \xff\xfe 4,3 milliard dollar\xc3 \xe2\x82 "
                              "2021 yilda, $3.8 \xf0\x9f billion.";
    struct extract_result r;
    char err[CC_ERRLEN];

    memset(&r, 0, sizeof r);
    ck_assert_int_eq(extract_text(bad, sizeof bad - 1, NULL, &r, err,
                                  sizeof err),
                     CC_OK);
    ck_assert_uint_ge(r.nq, 1);
    ck_assert(near(r.q[0].value, 4.3e9));
    /* results are appended */
    ck_assert_int_eq(extract_text("It was $5 bn.", 13, NULL, &r, err,
                                  sizeof err),
                     CC_OK);
    ck_assert(near(r.q[r.nq - 1].value, 5e9));
    extract_result_clear(&r);
    ck_assert_uint_eq(r.nq, 0);
    ck_assert_ptr_null(r.q);
    /* empty and digit-free input */
    ck_assert_int_eq(extract_text("", 0, NULL, &r, err, sizeof err), CC_OK);
    ck_assert_int_eq(extract_text("No figures here.", 16, NULL, &r, err,
                                  sizeof err),
                     CC_OK);
    ck_assert_uint_eq(r.nq, 0);
    ck_assert_str_eq(qty_kind_name(QTY_PERCENT), "percent");
    ck_assert_str_eq(qty_qual_name(QQ_NEARLY), "nearly");
    ck_assert_str_eq(qty_measure_name(QM_VENTURE), "venture");
}
END_TEST

START_TEST(test_long_text)
{
    /* a long run without sentence ends and many figures */
    struct cc_buf b;
    char err[CC_ERRLEN];
    struct extract_result r;

    cc_buf_init(&b, 1u << 20);
    for (int i = 0; i < 2000; i++)
        ck_assert_int_eq(cc_buf_printf(&b, "in 20%02d trade was $%d.%d "
                                           "billion, ",
                                       i % 30, i % 9 + 1, i % 10),
                         CC_OK);
    memset(&r, 0, sizeof r);
    ck_assert_int_eq(extract_text(b.data, b.len, NULL, &r, err, sizeof err),
                     CC_OK);
    ck_assert_uint_eq(r.nq, 2000);
    extract_result_clear(&r);
    cc_buf_free(&b);
}
END_TEST

struct thread_arg {
    int ok;
};

static void *thread_main(void *p)
{
    struct thread_arg *a = p;
    static const char s[] =
        "2021- yilda o‘zaro savdo 4,3 milliard dollarga yetdi, 2025- yilda "
        "esa bu ko‘rsatkich deyarli 5 milliard dollarga yetdi.";

    for (int i = 0; i < 200; i++) {
        struct extract_result r;
        char err[CC_ERRLEN];

        memset(&r, 0, sizeof r);
        if (extract_text(s, sizeof s - 1, NULL, &r, err, sizeof err) ==
                CC_OK &&
            r.nq == 2 && near(r.q[1].value, 5e9) &&
            r.q[1].period.start.y == 2025)
            a->ok++;
        extract_result_clear(&r);
    }
    return NULL;
}

START_TEST(test_threads)
{
    pthread_t th[4];
    struct thread_arg a[4];
    char err[CC_ERRLEN];

    ck_assert_int_eq(extract_global_init(err, sizeof err), CC_OK);
    for (int i = 0; i < 4; i++) {
        a[i].ok = 0;
        ck_assert_int_eq(pthread_create(&th[i], NULL, thread_main, &a[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(pthread_join(th[i], NULL), 0);
        ck_assert_int_eq(a[i].ok, 200);
    }
}
END_TEST

/* ---- rx ----------------------------------------------------------------- */

START_TEST(test_rx_basics)
{
    struct rx *rx = NULL;
    struct rx_scratch *s = rx_scratch_new();
    char err[CC_ERRLEN];
    bool found;
    size_t a, b, gs, ge;
    const char *subj = "\xff price: 12,5 \xc3 so\xe2\x80\x98m";

    ck_assert_int_eq(rx_compile("(", 0, &rx, err, sizeof err), CC_EPARSE);
    ck_assert_ptr_null(rx);
    ck_assert(strstr(err, "offset") != NULL);

    ck_assert_int_eq(rx_compile("(?<n>[0-9]+),(?<d>[0-9])(*MARK:num)", 0,
                                &rx, err, sizeof err),
                     CC_OK);
    ck_assert_int_eq(rx_group_number(rx, "n"), 1);
    ck_assert_int_eq(rx_group_number(rx, "nope"), -1);
    ck_assert_int_eq(rx_find(rx, s, subj, strlen(subj), 0, &found, &a, &b,
                             err, sizeof err),
                     CC_OK);
    ck_assert(found);
    ck_assert_uint_eq(b - a, 4);
    ck_assert(rx_group(s, 2, &gs, &ge));
    ck_assert_int_eq(subj[gs], '5');
    ck_assert(!rx_group(s, 7, &gs, &ge));
    ck_assert_str_eq(rx_mark(s), "num");
    ck_assert_int_eq(rx_find(rx, s, subj, strlen(subj), b, &found, &a, &b,
                             err, sizeof err),
                     CC_OK);
    ck_assert(!found);
    rx_free(&rx);
    ck_assert_ptr_null(rx);
    rx_free(&rx);
    rx_scratch_free(&s);
    ck_assert_ptr_null(s);
}
END_TEST

START_TEST(test_rx_limits_and_fallback)
{
    static const unsigned flags[] = {0, RX_NO_JIT};
    char subj[64];
    char err[CC_ERRLEN];

    memset(subj, 'a', 40);
    subj[40] = 'c';
    subj[41] = '\0';
    for (size_t i = 0; i < 2; i++) {
        struct rx *rx;
        struct rx_scratch *s = rx_scratch_new();
        bool found;
        size_t a, b;

        ck_assert_int_eq(rx_compile("(a+)+$", flags[i], &rx, err, sizeof err),
                         CC_OK);
        if (flags[i] & RX_NO_JIT)
            ck_assert(!rx_jit(rx));
        ck_assert_int_eq(rx_find(rx, s, subj, strlen(subj), 0, &found, &a,
                                 &b, err, sizeof err),
                         CC_ELIMIT);
        ck_assert(!found);
        rx_free(&rx);
        /* the interpreter and JIT agree on Unicode caseless matching */
        ck_assert_int_eq(rx_compile("млрд\\s+долл", RX_CASELESS | flags[i],
                                    &rx, err, sizeof err),
                         CC_OK);
        ck_assert_int_eq(rx_find(rx, s, "1,7 МЛРД ДОЛЛ.", 22, 0, &found, &a,
                                 &b, err, sizeof err),
                         CC_OK);
        ck_assert(found);
        ck_assert_uint_eq(a, 4);
        rx_free(&rx);
        rx_scratch_free(&s);
    }
}
END_TEST

START_TEST(test_rx_empty_matches_advance)
{
    struct rx *rx;
    struct rx_scratch *s = rx_scratch_new();
    char err[CC_ERRLEN];
    const char *subj = "ё\xffx";   /* 2-byte char, invalid byte, 'x' */
    size_t from = 0, n = 0, len = strlen(subj), a, b;
    bool found;

    ck_assert_int_eq(rx_compile("x*", 0, &rx, err, sizeof err), CC_OK);
    while (from <= len) {
        ck_assert_int_eq(rx_find(rx, s, subj, len, from, &found, &a, &b, err,
                                 sizeof err),
                         CC_OK);
        if (!found)
            break;
        n++;
        ck_assert_uint_le(n, 10);
        from = rx_next_from(subj, len, a, b);
        ck_assert_uint_gt(from, a);
    }
    ck_assert_uint_ge(n, 3);
    ck_assert_uint_eq(rx_next_from(subj, len, 0, 0), 2);
    ck_assert_uint_eq(rx_next_from(subj, len, 2, 2), 3);
    ck_assert_uint_eq(rx_next_from(subj, len, 1, 3), 3);
    rx_free(&rx);
    /* RX_ANCHORED: a match only at the start offset (JIT or not) */
    ck_assert_int_eq(rx_compile("x", RX_ANCHORED, &rx, err, sizeof err),
                     CC_OK);
    ck_assert_int_eq(rx_find(rx, s, subj, len, 0, &found, &a, &b, err,
                             sizeof err), CC_OK);
    ck_assert(!found);
    ck_assert_int_eq(rx_find(rx, s, subj, len, 3, &found, &a, &b, err,
                             sizeof err), CC_OK);
    ck_assert(found && a == 3 && b == 4);
    rx_free(&rx);
    rx_scratch_free(&s);
}
END_TEST

/* ---- more currencies, amounts in words, cents, ranges (issue 5) ------ */

static void ck_money(size_t i, double v, const char *unit)
{
    ck_assert_msg(near(q(i)->value, v) && strcmp(q(i)->unit, unit) == 0,
                  "#%zu %s: %g %s, want %g %s", i, q(i)->text, q(i)->value,
                  q(i)->unit, v, unit);
    ck_assert_int_eq(q(i)->kind, QTY_MONEY);
}

START_TEST(test_more_currencies)
{
    run("Coyle's net worth was put at \xc2\xa3 8.10 million, and HK$ 10.05 "
        "billion of toys were exported.");
    ck_assert_uint_eq(R.nq, 2);
    ck_money(0, 8.1e6, "GBP");
    ck_money(1, 10.05e9, "HKD");
    run("The price ranges between C $ 16.4 million and more.");
    ck_money(0, 16.4e6, "CAD");
    run("It cost 450,000 yen, 361 million pounds and 10,000 Swiss francs.");
    ck_assert_uint_eq(R.nq, 3);
    ck_money(0, 450000, "JPY");
    ck_money(1, 361e6, "GBP");
    ck_money(2, 10000, "CHF");
    run("The contract rose 1.20 cents; shares closed at 197 pence.");
    ck_money(0, 0.012, "USD");
    ck_money(1, 1.97, "GBP");
    run("Losses in excess of 30 MUSD were reported; 100\xe5\x85\x83 paid.");
    ck_money(0, 30e6, "USD");
    ck_money(1, 100, "CNY");
    run("A loan of 35 lakh rupees.");
    ck_money(0, 3.5e6, "INR");
    /* an article before a dollar sign is no Australian dollar */
    run("The government approved a $1.1 billion package.");
    ck_money(0, 1.1e9, "USD");
    /* "Eurobond" names no euro */
    run("A $500 million Eurobond was placed.");
    ck_money(0, 500e6, "USD");
}
END_TEST

START_TEST(test_money_in_words)
{
    run("eight ministers had received five million yen from the industry");
    ck_assert_uint_eq(R.nq, 1);
    ck_money(0, 5e6, "JPY");
    run("it only cost thirteen dollars and forty-five cents");
    ck_money(0, 13.45, "USD");
    run("It costs 15 dollars and 50.");
    ck_money(0, 15.5, "USD");
    run("it only cost 3 dollars 50 cents.");
    ck_assert_uint_eq(R.nq, 1);
    ck_money(0, 3.5, "USD");
    run("A million dollars was raised; it costs a quarter million us "
        "dollars.");
    ck_money(0, 1e6, "USD");
    ck_money(1, 250000, "USD");
    run("It costs half a billion euros.");
    ck_money(0, 0.5e9, "EUR");
    run("the withdrawn one-yen bid");
    ck_money(0, 1, "JPY");
    /* "a" alone is no amount; prose without figures gives nothing */
    run("A dollar store opened in a town where the euro is used.");
    ck_assert_uint_eq(R.nq, 0);
}
END_TEST

START_TEST(test_joined_amounts)
{
    run("Товарооборот за 2024 год составил 3 млрд 800 млн долларов.");
    ck_assert_uint_eq(R.nq, 1);
    ck_money(0, 3.8e9, "USD");
    ck_period(q(0), per(2024, 1, 2024, 12));
    run("Стоимость строительства составит от 2 до 3 млрд долларов.");
    ck_assert_uint_eq(R.nq, 1);
    ck_money(0, 2.5e9, "USD");
    ck_lohi(q(0), 1.5e9, 3.5e9);
    run("The project will cost between $200 and $250 million.");
    ck_assert_uint_eq(R.nq, 1);
    ck_money(0, 225e6, "USD");
    run("Prices rose from $2 to $3 billion over the decade.");
    ck_assert_uint_eq(R.nq, 2);
    ck_money(0, 2e9, "USD");
    ck_money(1, 3e9, "USD");
}
END_TEST

START_TEST(test_since_start_of_year_and_binding)
{
    run_ref("Since the beginning of the year, exports have reached $2.1 "
            "billion.", "2025-06-15");
    ck_period(q(0), (struct cc_period){{2025, 1, 1}, {2025, 6, 15}});
    run_ref("Yil boshidan buyon eksport 1,6 milliard dollarga yetdi.",
            "2025-06-30");
    ck_period(q(0), (struct cc_period){{2025, 1, 1}, {2025, 6, 30}});
    run("Investment fell to $640 million in 2020 from $910 million in 2019.");
    ck_period(q(0), per(2020, 1, 2020, 12));
    ck_period(q(1), per(2019, 1, 2019, 12));
    run("Unemployment fell 0.4 percentage points to 5.2% in 2024.");
    ck_period(q(0), per(2024, 1, 2024, 12));
    run("Товарооборот с Китаем вырос на 30% и достиг 13,7 млрд долларов в "
        "2024 году.");
    ck_period(q(0), per(2024, 1, 2024, 12));
    run("2025-yilning birinchi choragida import 2,1 mlrd dollarni tashkil "
        "qildi.");
    ck_period(q(0), per(2025, 1, 2025, 3));
    run("Eksport 2025-yilning dastlabki to\xe2\x80\x98rt oyida 1,1 milliard "
        "dollarga yetdi.");
    ck_period(q(0), per(2025, 1, 2025, 4));
    /* a sentence whose only number is a year yields nothing */
    run("In 2019, the ministry published its annual review.");
    ck_assert_uint_eq(R.nq, 0);
}
END_TEST

/* Currency codes and words placed where the older patterns missed them:
 * glued to the number, between the number and its scale, a word before
 * the number. */
START_TEST(test_money_code_and_word_placement)
{
    const struct qty *x;

    run("The credit line was USD115 and the bond USD115.5 million.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(0, QTY_MONEY, 115, "USD");
    ck_text(x, "USD115");
    x = ck_q(1, QTY_MONEY, 115.5e6, "USD");
    ck_text(x, "USD115.5 million");

    run("Losses came to 75 USD million, against 40 EUR billion of assets.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(0, QTY_MONEY, 75e6, "USD");
    ck_text(x, "75 USD million");
    x = ck_q(1, QTY_MONEY, 40e9, "EUR");
    ck_text(x, "40 EUR billion");

    run("Bids opened at dollar 22.5 million; the fund holds dollars 3 "
        "billion.");
    ck_assert_uint_eq(R.nq, 2);
    x = ck_q(0, QTY_MONEY, 22.5e6, "USD");
    ck_text(x, "dollar 22.5 million");
    x = ck_q(1, QTY_MONEY, 3e9, "USD");
    ck_text(x, "dollars 3 billion");

    /* no scale: a currency word before a number is no amount; a
     * one-letter scale after a code is not read; a year glued to a code
     * is no figure */
    run("The dollar 3 times weaker; 15 EUR m.; the USD2024 series.");
    ck_assert_uint_eq(R.nq, 1);
    x = ck_q(0, QTY_MONEY, 15, "EUR");
    ck_text(x, "15 EUR");

    /* a scale inside a code written before the number: the figure ends
     * at the number (a fuzzer found it ending at offset 0) */
    run("Revenue reached mUSD 1,5 in the year.");
    ck_assert_uint_eq(R.nq, 1);
    x = ck_q(0, QTY_MONEY, 1.5e6, "USD");
    ck_text(x, "mUSD 1,5");
}
END_TEST

/* The candidate finder (extract_cand.c) only skips positions where the
 * pattern cannot match, and the numbers xpat_scan reads without the
 * pattern (plain_number in extract_pat.c) come out as the pattern reads
 * them: extraction equals extraction trying the pattern at every
 * position (xcand_every turns both off). */
static void extract_all(const char *text, struct extract_result *out)
{
    struct extract_opts o;
    char err[CC_ERRLEN];

    memset(&o, 0, sizeof o);
    o.ref_date = (struct cc_date){2025, 6, 15};
    ck_assert_int_eq(extract_text(text, strlen(text), &o, out, err,
                                  sizeof err),
                     CC_OK);
}

START_TEST(test_candidates_skip_nothing)
{
    static const char *const texts[] = {
        "Trade turnover reached $4.9 billion in 2022, up 5.1% on 2021.",
        "In the first four months of 2025 exports rose to 1,2 mlrd dollar.",
        "The same period a year earlier saw about 15 new joint ventures.",
        "Almost half a billion dollars, nearly 30 percent more than in Q1.",
        "2024-yilning yanvar-noyabr oylarida savdo aylanmasi 4,3 milliard "
        "dollarni tashkil etdi, o\xe2\x80\x98tgan yilga nisbatan 12 foizga "
        "oshdi.",
        "Qo'shma korxonalar soni 78 taga yetdi; 2030-yilga borib 10 mlrd "
        "dollarga yetkazish rejalashtirilgan.",
        "\xd0\x92 2023 \xd0\xb3\xd0\xbe\xd0\xb4\xd1\x83 \xd1\x82\xd0\xbe"
        "\xd0\xb2\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbe\xd0\xb1\xd0\xbe\xd1\x80"
        "\xd0\xbe\xd1\x82 \xd0\xb2\xd1\x8b\xd1\x80\xd0\xbe\xd1\x81 \xd0\xbd"
        "\xd0\xb0 7,5% \xd0\xb4\xd0\xbe 3,8 \xd0\xbc\xd0\xbb\xd1\x80\xd0\xb4 "
        "\xd0\xb4\xd0\xbe\xd0\xbb\xd0\xbb\xd0\xb0\xd1\x80\xd0\xbe\xd0\xb2.",
        "US$3.8 bn, USD 1.7 bln, C$ 20, HK$5m and 30 MUSD; \xe2\x82\xac""12 "
        "and 7\xc2\xa0""000 \xe2\x82\xb8; five million yen; Rs. 450 crore.",
        "Between $200 and $250 million; from 2016 to 2024; H1 2024, Q3, "
        "the 2nd quarter, 3-4 months, II \xd1\x87\xd0\xbe\xd1\x80\xd0\xb0"
        "\xd0\xba.",
        "Published: 07.04.2024. On 7 April 2024 and April 7, 2024 it said "
        "no. 5, p. 24, since the beginning of the year, y/y, year-on-year.",
        "\xd0\x9f\xd0\xbe \xd1\x81\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbd\xd0\xb5"
        "\xd0\xbd\xd0\xb8\xd1\x8e \xd1\x81 2022 \xd0\xb3\xd0\xbe\xd0\xb4"
        "\xd0\xbe\xd0\xbc \xd0\xbe\xd0\xba\xd0\xbe\xd0\xbb\xd0\xbe 40 "
        "\xd0\xbf\xd1\x80\xd0\xbe\xd0\xb5\xd0\xba\xd1\x82\xd0\xbe\xd0\xb2; "
        "more than 1 200 companies, ~3%, \xe2\x89\x88""5 %, -2,5 pp.",
        "A 2019 report. An estimated 2 500 firms; approx. 10 trillion; "
        "\xe2\x80\x94 15\xe2\x80\x93""20 per cent \xe2\x80\x94 tops 6,500+.",
        "USD115.5 million, EUR40 and 75 USD million; dollar 22.5 million, "
        "dollars 3 billion, the dollar 3 times.",
        /* numbers the scanner reads without the pattern (plain_number in
         * extract_pat.c) next to the words that make them more */
        "Section 55 of the agreement, page 7 of 12; from 2016 to 2024, 2019 "
        "nisbatan, 2021 yilda, 2022 y. and 2023 through 2025; 3 months, 4 "
        "quarters, 1 half, 2 oy, 11 oyida; 5 b illion, 7 m, 12 k, 8 bn, 6 "
        "lakh; 20 percent, 30 foiz, 4 pp; 15 US dollars, 40 cop, 9 musd, 3 "
        "try, 6 rmb, 2 swiss francs; 12 may 2024, 7 April 2024; 450 ta "
        "loyiha (2021) and 18. Also 1999! 2000? 77: 88; 1234 tonnes, 123456 "
        "people, 99, 2030.",
        "\xd0\x92 2024 \xd0\xb3\xd0\xbe\xd0\xb4\xd1\x83 45 \xd1\x81\xd0"
        "\xbe\xd0\xb2\xd0\xbc\xd0\xb5\xd1\x81\xd1\x82\xd0\xbd\xd1\x8b\xd1"
        "\x85 \xd0\xbf\xd1\x80\xd0\xbe\xd0\xb5\xd0\xba\xd1\x82\xd0\xbe"
        "\xd0\xb2, 12 \xd0\xbc\xd0\xbb\xd0\xbd \xd1\x82\xd0\xbe\xd0\xbd"
        "\xd0\xbd \xd0\xb7\xd0\xb0 3 \xd0\xbc\xd0\xb5\xd1\x81\xd1\x8f\xd1"
        "\x86\xd0\xb0; 2 \xd0\xba\xd0\xb2\xd0\xb0\xd1\x80\xd1\x82\xd0\xb0"
        "\xd0\xbb, 1 \xd0\xbf\xd0\xbe\xd0\xbb\xd1\x83\xd0\xb3\xd0\xbe\xd0"
        "\xb4\xd0\xb8\xd0\xb5, 7 \xd1\x81\xd1\x83\xd0\xbc \xd0\xb8 2023 "
        "\xd0\xb9\xd0\xb8\xd0\xbb\xd0\xb4\xd0\xb0.",
    };
    struct extract_result a, b;
    size_t total = 0;

    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        extract_all(texts[i], &a);
        xcand_every = true;
        extract_all(texts[i], &b);
        xcand_every = false;
        ck_assert_msg(a.nq == b.nq && a.nd == b.nd,
                      "text %zu: %zu/%zu quantities, %zu/%zu dates", i, a.nq,
                      b.nq, a.nd, b.nd);
        for (size_t k = 0; k < a.nq; k++) {
            const struct qty *x = &a.q[k], *y = &b.q[k];

            ck_assert_str_eq(x->text, y->text);
            ck_assert(x->start == y->start && x->end == y->end);
            ck_assert(x->kind == y->kind && x->value == y->value &&
                      x->lo == y->lo && x->hi == y->hi);
            ck_assert_str_eq(x->unit, y->unit);
            ck_assert(x->qual == y->qual && x->change == y->change &&
                      x->change_sign == y->change_sign &&
                      x->target == y->target &&
                      x->deadline_year == y->deadline_year &&
                      x->measure == y->measure);
            ck_assert(cc_period_equal(x->period, y->period) &&
                      cc_period_equal(x->base_period, y->base_period));
        }
        for (size_t k = 0; k < a.nd; k++)
            ck_assert(a.d[k].start == b.d[k].start &&
                      a.d[k].end == b.d[k].end &&
                      cc_date_cmp(a.d[k].date, b.d[k].date) == 0);
        total += a.nq + a.nd;
        extract_result_clear(&a);
        extract_result_clear(&b);
    }
    ck_assert_uint_gt(total, 25);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("extract");
    TCase *tc = tcase_create("extract");
    TCase *tr = tcase_create("rx");
    SRunner *sr;
    int failed;

    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_seed_trade_by_year);
    tcase_add_test(tc, test_seed_2021_2025_2030);
    tcase_add_test(tc, test_seed_jan_nov_2024);
    tcase_add_test(tc, test_seed_four_months_2025);
    tcase_add_test(tc, test_seed_joint_ventures);
    tcase_add_test(tc, test_seed_targets_and_end_of_year);
    tcase_add_test(tc, test_seed_raw_pdf_text);
    tcase_add_test(tc, test_seed_negatives);
    tcase_add_test(tc, test_source_15_trend);
    tcase_add_test(tc, test_source_16_18_caspian);
    tcase_add_test(tc, test_source_17_pm);
    tcase_add_test(tc, test_source_19_uza);
    tcase_add_test(tc, test_source_20_kazinform);
    tcase_add_test(tc, test_source_21_kursiv);
    tcase_add_test(tc, test_distractors_and_relative);
    tcase_add_test(tc, test_russian);
    tcase_add_test(tc, test_uzbek_variants);
    tcase_add_test(tc, test_comparison_periods);
    tcase_add_test(tc, test_money_forms);
    tcase_add_test(tc, test_money_ranges_and_inheritance);
    tcase_add_test(tc, test_more_currencies);
    tcase_add_test(tc, test_money_in_words);
    tcase_add_test(tc, test_joined_amounts);
    tcase_add_test(tc, test_since_start_of_year_and_binding);
    tcase_add_test(tc, test_percent);
    tcase_add_test(tc, test_counts);
    tcase_add_test(tc, test_not_counts);
    tcase_add_test(tc, test_periods);
    tcase_add_test(tc, test_period_binding);
    tcase_add_test(tc, test_dates);
    tcase_add_test(tc, test_invalid_utf8_and_append);
    tcase_add_test(tc, test_long_text);
    tcase_add_test(tc, test_threads);
    tcase_add_test(tc, test_money_code_and_word_placement);
    tcase_add_test(tc, test_candidates_skip_nothing);
    suite_add_tcase(s, tc);
    tcase_add_test(tr, test_rx_basics);
    tcase_add_test(tr, test_rx_limits_and_fallback);
    tcase_add_test(tr, test_rx_empty_matches_advance);
    suite_add_tcase(s, tr);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    extract_global_cleanup();
    return failed ? 1 : 0;
}
