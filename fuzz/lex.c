// SPDX-License-Identifier: GPL-2.0
/*
 * The C lexer and the call-argument splitter: they read every scanned
 * file and every header of the prefilter.  The input is a source file.
 */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	return 0;
}

static void check_call(const char *buf, size_t len, size_t off)
{
	struct call_args ca;
	size_t i;

	if (!lex_call_args(buf, len, off, &ca))
		return;
	FUZZ_ASSERT(ca.close > off && ca.close < len);
	FUZZ_ASSERT(buf[ca.close] == ')');
	for (i = 0; i < ca.nargs; i++) {
		FUZZ_ASSERT(ca.arg_start[i] > off);
		FUZZ_ASSERT(ca.arg_start[i] < ca.arg_end[i]);
		FUZZ_ASSERT(ca.arg_end[i] <= ca.close);
		FUZZ_ASSERT(!i || ca.arg_start[i] > ca.arg_end[i - 1]);
	}
	call_args_free(&ca);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* no terminating NUL: the lexer must keep to LEN */
	char *buf = xmalloc(size ? size : 1);
	struct lexer lx;
	struct token t;
	size_t last = 0;

	memcpy(buf, data, size);
	lex_init(&lx, buf, size, 0);
	for (lex_next(&lx, &t); t.kind != TOK_EOF; lex_next(&lx, &t)) {
		FUZZ_ASSERT(t.start >= last);
		FUZZ_ASSERT(t.end > t.start && t.end <= size);
		last = t.end;
		if (t.kind == TOK_IDENT)
			check_call(buf, size, t.start);
	}
	FUZZ_ASSERT(t.start <= size);
	free(buf);
	return 0;
}
