#pragma once
// The operations of TF-SepNet's dataflow (TfSepNetGraph) as an interface, so the same walk
// runs in float (calibration: StudentQuantizer records each point's range) and in int8
// (inference: QuantizedTfSepNet). A quantisation point is where the int8 model stores a
// tensor as uint8; every call that takes a `point` produces one, under that name.
#include "core/models/QuantParams.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace sb {

struct ConvSpec;

// A tensor between two operations: float values (float arithmetic) or uint8 codes with
// the parameters that give them meaning (int8 arithmetic; `params` unused in float), and
// the quantisation point those parameters belong to (pooling and the channel shuffle keep
// their input's).
struct Activation {
    torch::Tensor values;
    QuantParams params;
    std::string point;
};

class GraphArithmetic {
public:
    virtual ~GraphArithmetic() = default;
    // The network's input (point "input").
    virtual Activation input(const torch::Tensor& x) = 0;
    // Convolution `index` of the graph with its folded BatchNorm and ReLU (point: spec.name).
    virtual Activation conv(size_t index, const ConvSpec& spec, const Activation& x) = 0;
    // ResNorm (point: its module name).
    virtual Activation norm(const std::string& point, const Activation& x) = 0;
    // MaxPool2d(2, 2): no point, the input's parameters carry over.
    virtual Activation pool(const Activation& x) = 0;
    // Mean over `dims`, keeping them.
    virtual Activation mean(const std::string& point, const Activation& x, const std::vector<int64_t>& dims) = 0;
    // a + b (b broadcast over a's shape).
    virtual Activation add(const std::string& point, const Activation& a, const Activation& b) = 0;
};

}  // namespace sb
