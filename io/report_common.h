/* What the report, the workbook and the briefings share: facts of the plan and their words. */
#ifndef MAPA_IO_REPORT_COMMON_H
#define MAPA_IO_REPORT_COMMON_H

#include <stdio.h>

#include <mapa/report.h>

/** Facts computed once from the input (owned arrays). */
typedef struct mapa__report_facts {
    const mapa_report_input *in;
    size_t allocated;     /**< members with a team */
    size_t *first_choice; /**< per topic: members who ranked it first */
    size_t *rank_count;   /**< [0..K+1]: [r] members at rank r, [0] placed outside their ranking */
    size_t max_rank;
    size_t *cf_first;     /**< per member: first index into cf_order of its CF pairs */
    size_t *cf_order;     /**< indices of cf pairs sorted by member */
    size_t *cf_in_first;  /**< per topic: first index into cf_in of its incoming CF pairs */
    size_t *cf_in;        /**< indices of cf pairs sorted by reviewed team */
    size_t *team_first;   /**< per topic: first index into team_members */
    size_t *team_members; /**< member indices grouped by team, in file order */
} mapa__report_facts;

mapa_err mapa__report_facts_init(mapa__report_facts *f, const mapa_report_input *in);
void mapa__report_facts_dispose(mapa__report_facts *f);

/** `buf` without a UTF-8 character that snprintf cut short at its end; returns buf. */
char *mapa__utf8_cut(char *buf);

/** "1st", "2nd", "3rd", "4th" ... into buf. */
const char *mapa__ordinal(char *buf, size_t cap, size_t n);

/**
 * Why member m has its place, in the member's own terms ("your 1st choice";
 * "Labour exploitation had 14 first choices for 9 places; you are in your 2nd
 * choice"), from the data; into buf.
 */
const char *mapa__report_reason(char *buf, size_t cap, const mapa__report_facts *f, size_t m);

/** How good the plan is, in one or two sentences (into buf). */
const char *mapa__report_quality(char *buf, size_t cap, const mapa__report_facts *f);

/** The stages of a CF pair in words: "Decision-making and Evaluation". */
const char *mapa__stages_words(unsigned stages);

/**
 * Member `m`'s email address: the member's id when it is one (mapa import
 * makes the email the id), else "" (borrowed).
 */
const char *mapa__report_email(const mapa_report_input *in, size_t m);

/** Team `t`'s session of `stage` (MAPA_STAGE_*), or NULL when none is scheduled. */
const mapa_report_session *mapa__report_session(const mapa_report_input *in, size_t t,
                                                unsigned stage);

/** `s` HTML-escaped (& < > " ') onto fp. */
void mapa__html_put(FILE *fp, const char *s);

/** The `n` bytes at `s` HTML-escaped, as mapa__html_put (a NUL among them is written). */
void mapa__html_put_len(FILE *fp, const char *s, size_t n);

/** A file name made of `id`: letters, digits and '-' kept, other bytes as _XX; into buf. */
const char *mapa__safe_file_name(char *buf, size_t cap, const char *id);

/** What a Critical Friend does, in the partnership model's words (HTML-free text). */
extern const char *const mapa__cf_duty_decision;
extern const char *const mapa__cf_duty_evaluation;

#endif
