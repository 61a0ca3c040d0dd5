/* mydata.c (store) - everything held about one employee; see mydata.h.
 *
 * Each section is one query with $1 = employee id, and where named $2 = the
 * NIP and $3 = the account's username; every query uses exactly its first
 * nparams parameters (PostgreSQL must infer each parameter's type). The
 * column types are one letter each: i integer, r real, s text, b boolean,
 * j text holding JSON. */
#include "store/mydata.h"
#include "core/err.h"
#include "store/checkins.h"

#include <string.h>

struct section {
	const char *name;
	const char *table;     /* checked first when not NULL: from another area's migration */
	int nparams;
	const char *columns;   /* comma-separated names */
	const char *types;     /* one letter per column */
	const char *sql;
	const char *sql_pg;    /* when PostgreSQL needs other text; NULL: sql */
};

/* The audit entries about a person: their employee record, their account,
 * what they did, and the objects that are theirs. */
#define AUDIT_OBJECTS                                                                                              \
	" OR object IN (SELECT 'plan:' || CAST(id AS TEXT) FROM plan WHERE employee_id = $1"                        \
	" UNION ALL SELECT 'leave:' || CAST(id AS TEXT) FROM employee_leave WHERE employee_id = $1"                 \
	" UNION ALL SELECT 'device:' || CAST(id AS TEXT) FROM device WHERE employee_id = $1"                        \
	" UNION ALL SELECT 'discipline_case:' || CAST(id AS TEXT) FROM discipline_case WHERE employee_id = $1"      \
	" UNION ALL SELECT 'special_request:' || CAST(id AS TEXT) FROM special_request WHERE employee_id = $1)"

/* Every day that has check-ins, probed for the person's (migration 016). */
#define MYDATA_CHECKINS                                                                                            \
	"SELECT c.id, c.work_date, c.kind, c.server_ms, c.local_minute, c.time_zone, c.client_ms, c.mode, c.plan_id,"  \
	" c.lat, c.lon, c.accuracy_m, c.distance_m, c.allowed_m, c.verdict, c.flags, c.device_id,"                   \
	" c.location_reduced_at, c.legal_hold"
#define CHECKIN_FIRST "(SELECT MIN(work_date) FROM checkin)"
#define CHECKIN_LAST "(SELECT MAX(work_date) FROM checkin)"

static const struct section sections[] = {
	{"profile", NULL, 1,
	 "nip,name,employment,golongan,unit_code,unit_name,position,position_kind,jenjang,supervisor_nip,"
	 "supervisor_name,appointed_on,domicile_lat,domicile_lon,active",
	 "ssssssssssssrrb",
	 "SELECT e.nip, e.name, e.employment, e.golongan, u.code, u.name, p.name, p.kind, p.jenjang, s.nip, s.name,"
	 " e.appointed_on, e.domicile_lat, e.domicile_lon, e.active FROM employee e JOIN unit u ON u.id = e.unit_id"
	 " JOIN position p ON p.id = e.position_id LEFT JOIN employee s ON s.id = e.supervisor_id WHERE e.id = $1", NULL},
	{"accounts", NULL, 1, "username,active,created_at,role,role_unit", "sbsss",
	 "SELECT a.username, a.active, a.created_at, r.role, ru.code FROM account a"
	 " LEFT JOIN account_role r ON r.account_id = a.id LEFT JOIN unit ru ON ru.id = r.unit_id"
	 " WHERE a.employee_id = $1 ORDER BY a.username, r.role", NULL},
	{"sessions", NULL, 1, "created_at,expires_at", "ii",
	 "SELECT s.created_at, s.expires_at FROM session s JOIN account a ON a.id = s.account_id"
	 " WHERE a.employee_id = $1 ORDER BY s.created_at", NULL},
	{"eligibility_exceptions", NULL, 1,
	 "id,decision,justification,valid_from,valid_until,decided_by,decided_at,revoked_by,revoked_at", "issssssss",
	 "SELECT id, decision, justification, valid_from, valid_until, decided_by, decided_at, revoked_by, revoked_at"
	 " FROM eligibility_exception WHERE employee_id = $1 ORDER BY id", NULL},
	{"exclusions", NULL, 1, "id,group,valid_from,valid_until,reason,created_by,created_at", "issssss",
	 "SELECT id, group_code, valid_from, valid_until, reason, created_by, created_at FROM employee_exclusion"
	 " WHERE employee_id = $1 ORDER BY id", NULL},
	{"plans", NULL, 1,
	 "id,date,mode,status,location_address,location_lat,location_lon,location_unit,refusal_reason,rotation_id,"
	 "requested_by,requested_at,decided_by,decided_at",
	 "issssrrssissss",
	 "SELECT p.id, p.date, p.mode, p.status, p.location_address, p.location_lat, p.location_lon, lu.code,"
	 " p.refusal_reason, p.rotation_id, p.requested_by, p.requested_at, p.decided_by, p.decided_at FROM plan p"
	 " LEFT JOIN unit lu ON lu.id = p.location_unit_id WHERE p.employee_id = $1 ORDER BY p.date, p.id", NULL},
	{"plan_preferences", NULL, 1, "weekdays,max_days_month,updated_at", "iis",
	 "SELECT weekdays, max_days_month, updated_at FROM plan_preference WHERE employee_id = $1", NULL},
	{"checkins", NULL, 1,
	 "id,work_date,kind,server_ms,local_minute,time_zone,client_ms,mode,plan_id,lat,lon,accuracy_m,distance_m,"
	 "allowed_m,verdict,flags,device_id,location_reduced_at,legal_hold",
	 "issiisisirrrrisjssb",
	 CHECKIN_DAYS_SQLITE(CHECKIN_FIRST, CHECKIN_LAST) MYDATA_CHECKINS CHECKIN_OF_DAYS_SQLITE("$1")
	 " ORDER BY c.server_ms, c.id",
	 CHECKIN_DAYS_PG(CHECKIN_FIRST, CHECKIN_LAST) MYDATA_CHECKINS CHECKIN_OF_DAYS_PG("$1") " ORDER BY c.server_ms, c.id"},
	{"devices", NULL, 1, "id,device_id,status,origin,requested_at,decided_at,decided_by,note", "isssssss",
	 "SELECT id, device_id, status, origin, requested_at, decided_at, decided_by, note FROM device"
	 " WHERE employee_id = $1 ORDER BY id", NULL},
	{"leaves", NULL, 1, "id,kind,from,to,note,status,created_by,created_at,cancelled_by,cancelled_at",
	 "isssssssss",
	 "SELECT id, kind, date_from, date_to, note, status, created_by, created_at, cancelled_by, cancelled_at"
	 " FROM employee_leave WHERE employee_id = $1 ORDER BY date_from, id", NULL},
	{"day_accounts", NULL, 1,
	 "date,unit,status,late_min,early_min,net_min,violations,flags,plan_mode,plan_id,leave_id,schedule_code,"
	 "start_min,end_min,in_min,out_min,closed_at,version",
	 "sssiiiiisiisiiiisi",
	 "SELECT a.date, u.code, a.status, a.late_min, a.early_min, a.net_min, a.violations, a.flags, a.plan_mode,"
	 " a.plan_id, a.leave_id, a.schedule_code, a.start_min, a.end_min, a.in_min, a.out_min, a.closed_at, a.version"
	 " FROM day_account a LEFT JOIN unit u ON u.id = a.unit_id"
	 /* accounts exist for closed dates only: a seek per date on the
	  * primary key (SQLite has no employee index, sqlite_015_tally.sql) */
	 " WHERE a.date IN (SELECT date FROM day_close)"
	 " AND a.employee_id = $1 ORDER BY a.date", NULL},
	{"violations", NULL, 1, "date,kind,minutes,count,evidence", "ssiij",
	 "SELECT date, kind, minutes, count, evidence FROM day_violation WHERE date IN (SELECT date FROM day_close"
	 " UNION SELECT date FROM report_violation WHERE employee_id = $1) AND employee_id = $1 ORDER BY date, kind", NULL},
	{"cases", NULL, 1, "id,kind,status,stage,opened_on,closed_on,decided_on,created_by,created_at", "issssssss",
	 "SELECT id, kind, status, stage, opened_on, closed_on, decided_on, created_by, created_at FROM discipline_case"
	 " WHERE employee_id = $1 ORDER BY id", NULL},
	{"confirmations", "presence_confirmation", 1,
	 "id,date,seq,status,due_ms,expires_ms,answered_ms,late_min,lat,lon,accuracy_m,distance_m",
	 "isisiiiirrrr",
	 "SELECT id, date, seq, status, due_ms, expires_ms, answered_ms, late_min, lat, lon, accuracy_m, distance_m"
	 " FROM presence_confirmation WHERE employee_id = $1 ORDER BY date, seq", NULL},
	{"notifications", "notification", 1, "id,kind,ref_id,message_id,message_en,created_at,read_at", "isissss",
	 "SELECT id, kind, ref_id, message_id, message_en, created_at, read_at FROM notification"
	 " WHERE employee_id = $1 ORDER BY id", NULL},
	{"skp_targets", "skp_target", 1,
	 "id,year,code,title,indicator,target_qty,target_unit,deleted,created_at,updated_at",
	 "iisssrsbss",
	 "SELECT id, year, code, title, indicator, target_qty, target_unit, deleted, created_at, updated_at"
	 " FROM skp_target WHERE employee_id = $1 ORDER BY year, id", NULL},
	{"daily_reports", "daily_report", 1,
	 "id,date,status,total_min,submitted_at,late,late_min,review_due,reviewed_by,reviewed_at,return_reason",
	 "issisbissss",
	 "SELECT id, date, status, total_min, submitted_at, late, late_min, review_due, reviewed_by, reviewed_at,"
	 " return_reason FROM daily_report WHERE employee_id = $1 ORDER BY date", NULL},
	{"daily_report_activities", "daily_report_activity", 1, "report_id,position,target_id,description,minutes,output",
	 "iiisis",
	 "SELECT a.report_id, a.position, a.target_id, a.description, a.minutes, a.output FROM daily_report_activity a"
	 " JOIN daily_report r ON r.id = a.report_id WHERE r.employee_id = $1 ORDER BY a.report_id, a.position", NULL},
	{"special_requests", NULL, 1,
	 "id,status,reason,period_from,period_to,revision,decision_note,decided_by,decided_at,created_at,updated_at",
	 "issssisssss",
	 "SELECT id, status, reason, period_from, period_to, revision, decision_note, decided_by, decided_at,"
	 " created_at, updated_at FROM special_request WHERE employee_id = $1 ORDER BY id", NULL},
	{"special_evidence", NULL, 1, "request_id,n,media_type,size_bytes,sha256,filename,uploaded_at", "iisisss",
	 "SELECT v.request_id, v.n, v.media_type, v.size_bytes, v.sha256, v.filename, v.uploaded_at"
	 " FROM special_request_evidence v JOIN special_request r ON r.id = v.request_id"
	 " WHERE r.employee_id = $1 ORDER BY v.request_id, v.n", NULL},
	{"audit", NULL, 3, "seq,at,actor,action,object,before_digest,after_digest", "issssss",
	 "SELECT seq, at, actor, action, object, before_digest, after_digest FROM audit_entry"
	 " WHERE object = 'employee:' || $2 OR object = 'account:' || $3 OR actor = $3" AUDIT_OBJECTS
	 " ORDER BY seq", NULL},
};

#define NSECTIONS ((int)(sizeof sections / sizeof sections[0]))
#define COLUMNS_MAX 24

int mydata_section_count(void)
{
	return NSECTIONS;
}

const char *mydata_section_name(int i)
{
	return i >= 0 && i < NSECTIONS ? sections[i].name : NULL;
}

/* Split the column list of a section into names (pointers into buf). */
static int split_columns(const char *list, char *buf, size_t cap, const char **names)
{
	size_t n = strlen(list);
	if (n >= cap)
		return -1;
	memcpy(buf, list, n + 1);
	int k = 0;
	for (char *p = buf; k < COLUMNS_MAX;) {
		names[k++] = p;
		char *comma = strchr(p, ',');
		if (!comma)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	return k;
}

static void read_value(struct db_stmt *s, int col, char type, struct mydata_value *v)
{
	memset(v, 0, sizeof *v);
	v->null = db_col_null(s, col);
	switch (type) {
	case 'i': v->type = MYDATA_INT; v->i = v->null ? 0 : db_col_int(s, col); break;
	case 'r': v->type = MYDATA_REAL; v->r = v->null ? 0 : db_col_real(s, col); break;
	case 'b': v->type = MYDATA_BOOL; v->b = !v->null && db_col_bool(s, col); break;
	case 'j': v->type = MYDATA_JSON; v->s = db_col_text(s, col); break;
	default: v->type = MYDATA_TEXT; v->s = db_col_text(s, col); break;
	}
}

static int export_section(struct db_conn *c, const struct section *sec, int64_t employee_id, const char *nip,
			  const char *username, const struct mydata_sink *sink)
{
	if (sec->table) {
		bool yes = false;
		int trc = mydata_table_exists(c, sec->table, &yes);
		if (trc || !yes)
			return trc;
	}
	char buf[512];
	const char *names[COLUMNS_MAX];
	int ncol = split_columns(sec->columns, buf, sizeof buf, names);
	if (ncol < 1 || (size_t)ncol != strlen(sec->types))
		return ERR_INVALID; /* a programming error in the table above */
	struct db_stmt *s = db_prepare(c, sec->sql_pg && db_conn_dialect(c) == DB_POSTGRES ? sec->sql_pg : sec->sql);
	if (!s)
		return ERR_DB;
	int rc = sink->section_begin(sink->ctx, sec->name, ncol, names);
	if (rc)
		return rc;
	db_bind_int(s, 1, employee_id);
	if (sec->nparams >= 2)
		db_bind_text(s, 2, nip);
	if (sec->nparams >= 3)
		db_bind_text(s, 3, username);
	int64_t rows = 0;
	bool truncated = false;
	struct mydata_value v[COLUMNS_MAX];
	while ((rc = db_step(s)) == 1) {
		if (rows == MYDATA_SECTION_ROWS_MAX) {
			truncated = true;
			break;
		}
		for (int k = 0; k < ncol; k++)
			read_value(s, k, sec->types[k], &v[k]);
		if ((rc = sink->row(sink->ctx, sec->name, ncol, names, v)))
			break;
		rows++;
	}
	db_reset(s);
	if (rc < 0 || (rc > 0 && !truncated))
		return rc;
	return sink->section_end(sink->ctx, sec->name, rows, truncated);
}

int mydata_export(struct db_conn *c, int64_t employee_id, const char *nip, const char *username,
		  const struct mydata_sink *sink)
{
	for (int i = 0; i < NSECTIONS; i++) {
		int rc = export_section(c, &sections[i], employee_id, nip, username ? username : "", sink);
		if (rc)
			return rc;
	}
	return 0;
}

static const char SQL_RAW_DAYS[] =
	"SELECT COALESCE((SELECT p.raw_location_days FROM presence_setting p WHERE p.instansi_id = u.instansi_id"
	" AND p.valid_from <= $2 ORDER BY p.valid_from DESC LIMIT 1), 90)"
	" FROM employee e JOIN unit u ON u.id = e.unit_id WHERE e.id = $1";

int mydata_raw_location_days(struct db_conn *c, int64_t employee_id, const char *today, int *days)
{
	*days = 90;
	struct db_stmt *s = db_prepare(c, SQL_RAW_DAYS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, 1, employee_id);
	db_bind_text(s, 2, today);
	int rc = db_step(s);
	if (rc == 1)
		*days = (int)db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

static const char SQL_TABLE_SQLITE[] = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1";
static const char SQL_TABLE_PG[] =
	"SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1";

int mydata_table_exists(struct db_conn *c, const char *table, bool *yes)
{
	*yes = false;
	struct db_stmt *s = db_prepare(c, db_conn_dialect(c) == DB_SQLITE ? SQL_TABLE_SQLITE : SQL_TABLE_PG);
	if (!s)
		return ERR_DB;
	db_bind_text(s, 1, table);
	int rc = db_step(s);
	*yes = rc == 1;
	db_reset(s);
	return rc < 0 ? rc : 0;
}
