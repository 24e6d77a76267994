/* Stands for third-party code that a library fetches as an archive. */
int fetchdemo_version(void)
{
	return 10;
}
