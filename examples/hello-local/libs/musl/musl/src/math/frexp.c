#include <math.h>

double frexp(double x, int *e)
{
	*e = 0;
	if (x == 0) return x;
	while (fabs(x) >= 1) { x /= 2; (*e)++; }
	while (fabs(x) < 0.5) { x *= 2; (*e)--; }
	return x;
}
