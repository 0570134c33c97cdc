#pragma once
// TF-SepNet as the int8 student sees it: its convolutions (each with the BatchNorm that
// follows it, to be folded in, and its ReLU), the steps between them (ResNorm, max-pool,
// TF-Sep blocks), and the quantisation points, read off a TfSepNet module so the graph
// always has the network's shape. run() walks it with a GraphArithmetic: float for
// calibration, int8 for inference, so both pass the same points in the same order.
#include "core/models/Complexity.h"
#include "core/models/GraphArithmetic.h"
#include "core/models/TfSepNet.h"

#include <array>
#include <string>
#include <vector>

namespace sb {

struct ConvSpec {
    std::string name;       // the conv's state-dict prefix: "conv_layers.0._conv", ..., "classifier.conv"
    std::string batchNorm;  // the BatchNorm folded into it ("conv_layers.0._bn"); empty for the classifier
    int64_t in = 0, out = 0, groups = 1;
    std::array<int64_t, 2> kernel{1, 1}, stride{1, 1}, padding{0, 0};
    bool relu = true;       // ConvBnRelu: yes; the classifier: no
    int64_t fanIn() const { return in / groups * kernel[0] * kernel[1]; }
    int64_t weightCount() const { return out * fanIn(); }
};

class TfSepNetGraph {
public:
    explicit TfSepNetGraph(const TfSepNetImpl& net);

    const TfSepNetConfig& config() const { return config_; }
    const std::vector<ConvSpec>& convs() const { return convs_; }
    // Every quantisation point, in the order a forward pass reaches it: "input", each
    // conv's output (its name), each ResNorm's ("middle_layers.0"), each block's frequency
    // and time means ("middle_layers.1.freq_mean") and output ("middle_layers.1"), "logits".
    const std::vector<std::string>& points() const { return points_; }

    struct Output {
        Activation logits;    // (B, classes, 1, 1)
        Activation features;  // the body's output, before the classifier
    };
    Output run(GraphArithmetic& arithmetic, const torch::Tensor& x) const;

    // What the int8 model stores for this graph (definition in docs/models.md).
    Int8Storage int8Storage() const;

private:
    struct Step {
        enum class Kind { Norm, Pool, Block } kind;
        std::string name;
        int trans = -1;  // Block: conv indices (trans_conv only when in ≠ out)
        int freqDw = -1, freqPw = -1, tempDw = -1, tempPw = -1;
    };
    int addConv(const std::string& prefix, const torch::nn::Module& convBnRelu);
    void addBlock(const std::string& name, const torch::nn::Module& block);
    Activation runBlock(GraphArithmetic& a, const Step& step, const Activation& x) const;

    TfSepNetConfig config_;
    std::vector<ConvSpec> convs_;  // the stem's, the body's in order, the classifier last
    size_t stem_ = 0;              // how many of convs_ are the stem's
    std::vector<Step> body_;
    std::vector<std::string> points_;
};

}  // namespace sb
