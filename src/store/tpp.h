/* tpp.h (store) - the TPP deduction scheme in force (table tpp_setting,
 * migration 010): read it, and change it (admin_bkd), audited "tpp.scheme"
 * with the settings before and after. */
#ifndef FLEKSI_STORE_TPP_H
#define FLEKSI_STORE_TPP_H

#include "db/db.h"
#include "domain/tpp.h"

struct tpp_setting {
	struct tpp_scheme scheme;      /* its valid_from / legal_reference point into the strings below */
	char valid_from[11];
	char legal_reference[301];
	char updated_by[64];
	char updated_at[40];
};

/* The scheme in force; the built-in default when the row is missing. */
int tpp_setting_get(struct db_conn *c, struct tpp_setting *out);

/* Replace the scheme in the caller's write transaction, audited. Checks
 * the ranges (cap 1..1440, unexcused day 0..1440, cut 0..100, valid_from a
 * date, legal_reference 1..300 bytes): ERR_INVALID with *field named. */
int tpp_setting_put(struct db_conn *c, struct tpp_setting *in, const char *actor, const char **field);

#endif
