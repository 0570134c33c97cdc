#include "core/train/RandomSource.h"

#include "core/common/Error.h"

#include <numeric>
#include <sstream>

namespace sb {

// The distributions below are written out by hand: std:: distributions differ between
// standard libraries, and the draws must be reproducible from the saved engine state.
double RandomSource::uniform() { return double(engine_() >> 11) * 0x1.0p-53; }

double RandomSource::beta(double alpha)
{
    // Beta(a, a) = X / (X + Y) with X, Y ~ Gamma(a, 1) (Marsaglia-Tsang, boosted for a < 1).
    auto gamma = [this](double a) {
        const double boost = a < 1 ? std::pow(uniform() + 1e-300, 1.0 / a) : 1.0;
        const double d = (a < 1 ? a + 1 : a) - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            double x, v;
            do {
                // Standard normal by Box-Muller.
                const double u1 = uniform() + 1e-300, u2 = uniform();
                x = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            const double u = uniform() + 1e-300;
            if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v * boost;
        }
    };
    const double x = gamma(alpha), y = gamma(alpha);
    return x + y > 0 ? x / (x + y) : 0.5;
}

int64_t RandomSource::integer(int64_t lowInclusive, int64_t highExclusive)
{
    const uint64_t span = uint64_t(highExclusive - lowInclusive);
    return lowInclusive + int64_t(span ? engine_() % span : 0);
}

std::vector<int64_t> RandomSource::permutation(int64_t n)
{
    std::vector<int64_t> p(size_t(std::max<int64_t>(n, 0)));
    std::iota(p.begin(), p.end(), 0);
    for (int64_t i = n - 1; i > 0; --i) std::swap(p[size_t(i)], p[size_t(integer(0, i + 1))]);  // Fisher-Yates
    return p;
}

std::string RandomSource::state() const
{
    std::ostringstream s;
    s << engine_;
    return s.str();
}

void RandomSource::restore(const std::string& state)
{
    std::istringstream s(state);
    std::mt19937_64 engine;
    s >> engine;
    if (s.fail()) throw Error("malformed random state", "checkpoint");
    engine_ = engine;
}

}  // namespace sb
