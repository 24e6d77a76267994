#include <uk/print.h>
#include <greet.h>

void greet(const char *who)
{
	uk_pr("greet: %s, %s%s\n", CONFIG_LIBGREET_WORD, who, GREET_PUNCT);
}
