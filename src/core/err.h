/* err.h - project-wide error codes.
 *
 * Every fallible function returns 0 on success or one of these negative codes.
 * Library codes (SQLITE_*, SQLSTATE, MHD_*) are translated into these at the
 * edge, once, so callers never see them. */
#ifndef FLEKSI_CORE_ERR_H
#define FLEKSI_CORE_ERR_H

enum err_code {
	ERR_OK = 0,
	ERR_INVALID = -1,     /* input refused: a person must change it */
	ERR_NOT_FOUND = -2,   /* the named object does not exist */
	ERR_CONFLICT = -3,    /* clashes with existing data (duplicate key, cycle) */
	ERR_FORBIDDEN = -4,   /* authenticated but not allowed */
	ERR_UNAUTHORIZED = -5,/* no or bad credentials */
	ERR_TOO_BIG = -6,     /* a bounded input went past its maximum */
	ERR_BUSY = -7,        /* transient: retry later */
	ERR_DB = -8,          /* storage failed for a reason the caller cannot fix */
	ERR_IO = -9,          /* file or network failure */
	ERR_UNAVAILABLE = -10,/* shutting down or overloaded */
	ERR_RETRY = -11,      /* serialization failure: retry the transaction */
};

/* Short stable identifier for an error code, e.g. "not_found". */
const char *err_name(int code);

#endif
