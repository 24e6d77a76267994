#include <math.h>

double cos(double x)
{
	return 1 - x * x / 2 + x * x * x * x / 24;
}
