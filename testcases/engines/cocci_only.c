/*
 * The cocci engine alone needs no declarations, headers or build: the
 * call is matched on its arguments.  Its findings carry no patch; the
 * script's patch mode writes the conversion.
 */
long grab(unsigned long addr, struct page **pages)
{
	return get_user_pages_remote(current->mm, addr, 1, 0, pages, NULL,
				     NULL);
}

/*
 * check-name: the cocci engine alone reports without headers
 * check-command: scan --engine cocci --external --tree . $file
 * check-exit-value: 1
 *
 * check-output-start
cocci_only.c:8:9: warning: vmas argument NULL passed; Linux 6.5 removed the parameter [gup/vmas-param]
 * check-output-end
 *
 * check-json: findings.0.engines = ["cocci"]
 * check-json: findings.0.seen = "cocci"
 * check-json: findings.0.function = "grab"
 * check-json: tool.engines = ["cocci"]
 * check-json: coverage.engine = "cocci"
 * check-json: coverage.parsed_clean = 1
 */
