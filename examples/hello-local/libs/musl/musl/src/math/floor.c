#include <math.h>

double floor(double x)
{
	double t = (double)(long)x;
	return t > x ? t - 1 : t;
}
