/* bulk_sessions.h (store) - sessions for many employees at once, for load
 * tests (bench/checkin.sh) and the crash test: `fleksi user tokens`.
 *
 * Employees without an account get one named "bench.<nip>" with role pegawai
 * and a password hash that no password matches ("!disabled"), so these
 * accounts can only be used through the tokens printed once. Everything is
 * one transaction with one audit entry. */
#ifndef FLEKSI_STORE_BULK_SESSIONS_H
#define FLEKSI_STORE_BULK_SESSIONS_H

#include "db/db.h"

#include <stdint.h>
#include <stdio.h>

/* Create a session (lifetime lifetime_s) for each of the first count active
 * employees (by id) and write "TOKEN NIP\n" lines to out. key is the
 * server's 32-byte token key. *made gets how many. */
int bulk_sessions_create(struct db *db, const uint8_t key[32], int count, int64_t lifetime_s, FILE *out, int *made);

#endif
