// SQL vocabulary across MySQL, PostgreSQL, MSSQL, Oracle and SQLite, grouped by the role a word plays in a token stream.

const set = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Words that start a statement. */
export const STATEMENTS = set(`select insert update delete drop create alter truncate exec execute declare shutdown grant revoke
  merge call waitfor replace load handler rename lock unlock show describe desc backup restore dbcc reconfigure kill`);

export const UNIONS = set('union intersect except minus');

export const LOGIC = set('and or xor');

/** Word operators. */
export const WORD_OPS = set('like rlike regexp is in between not div mod collate escape glob match sounds similar ilike notnull isnull');

/** Other reserved words that shape a statement. */
export const KEYWORDS = set(`from where group by order having limit offset into values set as join inner outer left right cross
  natural on using case when then else end distinct distinctrow all top procedure analyse outfile dumpfile table database schema view
  index trigger function column asc fetch next rows only with recursive returning exists any some delay tran transaction
  begin commit rollback procedure if elseif while loop`);

export const LITERALS = set('null true false unknown current_user current_date current_time current_timestamp session_user system_user');

/** Functions whose names are not ordinary words: a call to one is SQL, not prose. */
export const SQL_FUNCTIONS = set(`concat concat_ws group_concat substring substr mid ascii ord hex unhex char_length
  length lengthb lower upper ifnull isnull nullif coalesce nvl nvl2 decode cast convert sysdate now curdate curtime
  sleep benchmark pg_sleep randomblob load_file extractvalue updatexml xmltype dbms_pipe utl_inaddr utl_http
  dbms_xmlgen dbms_lock sqlite_version version database schema_name table_name column_name row_count found_rows
  last_insert_id connection_id current_setting pg_read_file pg_ls_dir lo_import lo_export xp_cmdshell sp_executesql
  sp_oacreate openrowset opendatasource openquery char chr nchar unicode floor rand rand_int md5 sha1 sha2 crc32
  elt make_set export_set field find_in_set instr locate position strcmp replace reverse repeat space lpad rpad
  ltrim rtrim trim soundex uuid bin oct conv json_extract json_keys json_object xmlelement string_agg listagg
  array_agg to_char to_number to_date datepart datediff dateadd getdate object_id object_name db_name user_name
  suser_name host_name is_srvrolemember has_dbaccess quotename stuff patindex charindex iif pg_database_size
  inet_server_addr version_compile_os hextoraw rawtohex utl_raw regexp_substr regexp_like regexp_replace
  procedure_analyse name_const geometrycollection multipoint polygon linestring exp getpgusername load_extension
  typeof zeroblob unistr count sum avg min max abs round ceil ceiling power sqrt user system_user session_user
  current_user if left right time date year month day cos sin tan cot acos asin atan atan2 pow pi ln log log10 log2
  radians degrees sign compress uncompress encode json json_valid json_each json_tree json_type json_array
  json_build_object jsonb_build_object jsonb_pretty to_json to_jsonb row_to_json starts_with lo_get overlay
  query_to_xml insert format`);

/** Functions that make a database wait: the core of blind time-based injection. */
export const TIME_FUNCTIONS = set('sleep benchmark pg_sleep randomblob dbms_lock dbms_pipe receive_message');

/** Function calls (and names) that reach outside the query: files, commands, network. */
export const DANGEROUS = set(`load_file xp_cmdshell sp_executesql sp_oacreate openrowset opendatasource openquery
  utl_http utl_inaddr dbms_xmlgen extractvalue updatexml pg_read_file pg_ls_dir lo_import lo_export load_extension
  xp_regread xp_dirtree xp_fileexist sp_makewebtask dbms_java sp_password lo_get query_to_xml`);

/** Catalogs an attacker reads to map a database. */
export const CATALOGS = set(`information_schema sysobjects syscolumns sysusers sysdatabases pg_catalog pg_shadow pg_user
  pg_tables pg_database sqlite_master sqlite_schema msysobjects msysaccessobjects all_tables user_tables all_tab_columns
  user_tab_columns dba_users v$version sys.tables sys.columns sys.objects sys.databases mysql.user mysql.db
  sysibm.systables master..sysdatabases msdb tempdb`);

/** Common English words that are also SQL function names: a call to one alone says little. */
export const AMBIGUOUS_FUNCTIONS = set(`if left right time date year month day count sum avg min max abs round user char field position replace reverse repeat space power exp length lower upper
  sin tan pi ln log sign format insert encode json overlay compress`);
