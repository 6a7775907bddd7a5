/* gupcheck: ignore gup/vmas-param -- CRLF lines */
long f(void)
{
	return 0; // gupcheck: ignore iov/iter-pipe -- x
}
