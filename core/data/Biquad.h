#pragma once
// Second-order IIR sections (RBJ audio-EQ cookbook), direct form I in float. Used by the
// demo dataset's event synthesis and device simulation.
namespace sb {

class Biquad {
public:
    static Biquad lowpass(double hz, double q, double sampleRate);
    static Biquad highpass(double hz, double q, double sampleRate);
    static Biquad bandpass(double hz, double q, double sampleRate);  // 0 dB peak gain
    static Biquad peak(double hz, double gainDb, double q, double sampleRate);

    float process(float x)
    {
        const float y = b0_ * x + b1_ * x1_ + b2_ * x2_ - a1_ * y1_ - a2_ * y2_;
        x2_ = x1_;
        x1_ = x;
        y2_ = y1_;
        y1_ = y;
        return y;
    }
    void run(float* samples, long n)
    {
        for (long i = 0; i < n; ++i) samples[i] = process(samples[i]);
    }

private:
    Biquad(double b0, double b1, double b2, double a0, double a1, double a2);
    float b0_, b1_, b2_, a1_, a2_;
    float x1_ = 0, x2_ = 0, y1_ = 0, y2_ = 0;
};

}  // namespace sb
