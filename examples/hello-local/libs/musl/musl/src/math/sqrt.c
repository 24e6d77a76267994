#include <math.h>

double sqrt(double x)
{
	double r = x > 1 ? x / 2 : 1;
	for (int i = 0; i < 20; i++) r = (r + x / r) / 2;
	return r;
}
