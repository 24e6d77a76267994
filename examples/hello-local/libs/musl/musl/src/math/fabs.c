#include <math.h>

double fabs(double x)
{
	return x < 0 ? -x : x;
}
