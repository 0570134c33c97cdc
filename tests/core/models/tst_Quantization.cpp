// Tests of the int8 student (post-training quantisation of TF-SepNet): BatchNorm folding,
// one int8 convolution against integer arithmetic done here, the int8 logits against the
// float model's, the exact parameter bytes, and the checkpoint in C++ and in PyTorch.
#include <torch/torch.h>

#include "../checkpoint/TorchPeer.h"
#include "core/checkpoint/Checkpoint.h"
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/models/Complexity.h"
#include "core/models/ModelCheckpoint.h"
#include "core/models/ResNorm.h"
#include "core/models/StudentQuantizer.h"
#include "core/models/TfSepBlock.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {

const std::string kRef = SCENEBENCH_TEST_DATA "/reference/";

sb::TfSepNet referenceTfSepNet()
{
    const std::string path = kRef + "tfsepnet64_state_dict.pt";
    const sb::Checkpoint ckpt = sb::readCheckpoint(path);
    sb::TfSepNet net = sb::loadTfSepNet(ckpt, sb::detectModel(ckpt, path), path);
    net->eval();
    return net;
}

// Calibration-like inputs: the two reference CpMel clips (1, 512, 64), each shifted in
// time, offset in level (a gain in the log-mel domain) and with noise, `n` in all.
torch::Tensor clipVariants(int64_t n, uint64_t seed)
{
    const sb::NpyArray a = sb::readNpy(kRef + "tfsepnet64_input.npy");
    std::vector<float> values = a.toFloat();
    const torch::Tensor clips = torch::from_blob(values.data(), a.shape, torch::kFloat).clone();
    torch::manual_seed(seed);
    std::vector<torch::Tensor> out;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t shift = torch::randint(0, clips.size(3), {1}).item<int64_t>();
        const double gain = torch::randn({1}).item<double>() * 0.3;
        torch::Tensor x = clips[i % clips.size(0)].roll(shift, 2) + gain;
        out.push_back(x + 0.1 * torch::randn_like(x));
    }
    return torch::stack(out);
}

struct ReferenceModel {
    sb::TfSepNet net = referenceTfSepNet();
    torch::Tensor calibration = clipVariants(24, 11);
    sb::QuantizedTfSepNet int8 = [this] {
        sb::CancellationToken token;
        return sb::quantizeTfSepNet(*net, calibration, {24, 11}, token, 8);
    }();
};

ReferenceModel& reference()
{
    static ReferenceModel model;
    return model;
}

// The parameter bytes from the float network's layers, counted here: per convolution one
// byte per weight and 4 + 4 bytes (float32 scale, int32 bias) per output channel; per
// quantisation point 4 + 1 bytes (float32 scale, uint8 zero point). The points: the input,
// each convolution's output, each ResNorm's, three per TF-Sep block (frequency mean, time
// mean, block output) and the logits.
int64_t expectedInt8Bytes(const sb::TfSepNetImpl& net)
{
    int64_t weights = 0, channels = 0, points = 2;  // input and logits
    for (const auto& m : net.modules()) {
        if (const auto* conv = m->as<torch::nn::Conv2dImpl>()) {
            weights += conv->weight.numel();
            channels += conv->options.out_channels();
            points += 1;
        }
        if (m->as<sb::ResNormImpl>()) points += 1;
        if (m->as<sb::TfSepBlockImpl>()) points += 3;
    }
    return weights + 8 * channels + 5 * points;
}

// One int8 convolution the slow way: int64 sums of (q − z_in)·w plus the bias, times the
// float32 multiplier s_in·s_w/s_out in float32, rounded half to even, plus z_out, clamped.
torch::Tensor integerConv(const sb::Int8Conv& conv, const torch::Tensor& q, const sb::QuantParams& in,
                          const sb::QuantParams& out)
{
    const sb::ConvSpec& s = conv.spec();
    const auto w = conv.weight().accessor<int8_t, 4>();
    const auto bias = conv.bias().accessor<int32_t, 1>();
    const auto scale = conv.weightScale().accessor<float, 1>();
    const torch::Tensor qc = q.contiguous();
    const auto x = qc.accessor<uint8_t, 4>();
    const int64_t h = (q.size(2) + 2 * s.padding[0] - s.kernel[0]) / s.stride[0] + 1;
    const int64_t wd = (q.size(3) + 2 * s.padding[1] - s.kernel[1]) / s.stride[1] + 1;
    torch::Tensor y = torch::empty({q.size(0), s.out, h, wd}, torch::kByte);
    auto ya = y.accessor<uint8_t, 4>();
    const int64_t inPerGroup = s.in / s.groups, outPerGroup = s.out / s.groups;
    for (int64_t b = 0; b < q.size(0); ++b)
        for (int64_t c = 0; c < s.out; ++c)
            for (int64_t i = 0; i < h; ++i)
                for (int64_t j = 0; j < wd; ++j) {
                    int64_t acc = bias[c];
                    for (int64_t k = 0; k < inPerGroup; ++k)
                        for (int64_t u = 0; u < s.kernel[0]; ++u)
                            for (int64_t v = 0; v < s.kernel[1]; ++v) {
                                const int64_t r = i * s.stride[0] - s.padding[0] + u;
                                const int64_t t = j * s.stride[1] - s.padding[1] + v;
                                if (r < 0 || t < 0 || r >= q.size(2) || t >= q.size(3)) continue;
                                const int64_t channel = c / outPerGroup * inPerGroup + k;
                                acc += (int64_t(x[b][channel][r][t]) - in.zeroPoint) * w[c][k][u][v];
                            }
                    const float m = float(double(scale[c]) * double(in.scale) / double(out.scale));
                    const float product = float(acc) * m;  // acc < 2^24 here: float(acc) is exact
                    const double level = std::nearbyint(double(product)) + out.zeroPoint;
                    ya[b][c][i][j] = uint8_t(std::clamp(level, s.relu ? double(out.zeroPoint) : 0.0, 255.0));
                }
    return y;
}

QString pythonDtype(torch::ScalarType t)
{
    switch (t) {
    case torch::kChar: return QStringLiteral("int8");
    case torch::kByte: return QStringLiteral("uint8");
    case torch::kInt: return QStringLiteral("int32");
    case torch::kLong: return QStringLiteral("int64");
    case torch::kFloat: return QStringLiteral("float32");
    default: return QStringLiteral("?");
    }
}

std::vector<std::string> names(const sb::StateDict& sd)
{
    std::vector<std::string> n;
    for (const auto& kv : sd) n.push_back(kv.first);
    return n;
}

}  // namespace

class TestQuantization : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { torch::set_num_threads(2); }

    void foldedFloatModelEqualsTheNetwork()
    {
        auto& r = reference();
        const torch::Tensor x = clipVariants(4, 5);
        sb::StudentQuantizer quantizer(*r.net);
        torch::NoGradGuard noGrad;
        const torch::Tensor expected = r.net->forward(x);
        const double diff = (quantizer.observe(x) - expected).abs().max().item<double>();
        QVERIFY2(diff < 1e-4 * expected.abs().max().item<double>(), qPrintable(QString::number(diff)));
        // Every point of the graph was observed, and ReLU outputs never go below zero.
        QCOMPARE(quantizer.ranges().size(), quantizer.graph().points().size());
        QCOMPARE(quantizer.ranges().at("conv_layers.0._conv").first, 0.0);
    }

    void int8ConvEqualsIntegerArithmetic_data()
    {
        QTest::addColumn<QString>("layer");
        QTest::newRow("grouped 3x3 stride 2, ReLU") << QStringLiteral("conv_layers.1._conv");
        QTest::newRow("depthwise 3x1") << QStringLiteral("middle_layers.5.freq_dw_conv._conv");
        QTest::newRow("classifier, fan-in 160, no ReLU") << QStringLiteral("classifier.conv");
    }
    void int8ConvEqualsIntegerArithmetic()
    {
        QFETCH(QString, layer);
        const auto& convs = reference().int8.convs();
        const auto it = std::find_if(convs.begin(), convs.end(),
                                     [&](const sb::Int8Conv& c) { return c.spec().name == layer.toStdString(); });
        QVERIFY(it != convs.end());
        torch::manual_seed(3);
        const torch::Tensor q = torch::randint(0, 256, {2, it->spec().in, 9, 7}, torch::kByte);
        const sb::QuantParams in{0.037f, 131}, out{0.052f, it->spec().relu ? 0 : 118};
        const torch::Tensor got = it->forward(q, in, out);
        QVERIFY(torch::equal(got, integerConv(*it, q, in, out)));
        // Not a trivial output: the codes spread over many levels.
        QVERIFY(torch::bincount(got.flatten().to(torch::kLong)).gt(0).sum().item<int64_t>() > 50);
    }

    void int8LogitsCloseToFloat()
    {
        // Held-out inputs like the calibration clips. Tolerance: 8-bit activations at 77
        // points of a 43-convolution network leave a few % of the logit spread (2.0 % here);
        // 8 % of it catches any real slip (a wrong scale, zero point or bias moves logits by
        // a large part of the spread). The top class must agree wherever the float model's
        // margin between its top two classes exceeds twice that error, and on at least 14 of
        // the 16 clips (this random-weight reference network has near ties).
        auto& r = reference();
        const torch::Tensor x = clipVariants(16, 99);
        torch::NoGradGuard noGrad;
        const torch::Tensor expected = r.net->forward(x);
        const torch::Tensor got = r.int8.forward(x).logits;
        const double spread = (expected.max() - expected.min()).item<double>();
        const double diff = (got - expected).abs().max().item<double>();
        const torch::Tensor agree = got.argmax(1) == expected.argmax(1);
        const torch::Tensor top2 = std::get<0>(expected.topk(2, 1));
        const torch::Tensor clear = (top2.select(1, 0) - top2.select(1, 1)) > 2 * diff;
        qInfo("int8 vs float logits: max |diff| %.4f, spread %.4f (%.1f %%), top class agrees on %lld of 16 "
              "(%lld clips with a clear margin)",
              diff, spread, 100 * diff / spread, static_cast<long long>(agree.sum().item<int64_t>()),
              static_cast<long long>(clear.sum().item<int64_t>()));
        QVERIFY(diff < 0.08 * spread);
        QVERIFY(agree.sum().item<int64_t>() >= 14);
        QVERIFY(agree.masked_select(clear).all().item<bool>());
        QVERIFY(diff > 0);  // the int8 model really is another computation
    }

    void parameterBytesAreExact()
    {
        auto& r = reference();
        const int64_t expected = expectedInt8Bytes(*r.net);
        QCOMPARE(r.int8.storage().total(), expected);
        QCOMPARE(r.int8.storage().weights, int64_t(121408));  // 126,858 parameters less BatchNorm's and the bias
        // The meter (shapes only, no calibration) gives the same figure.
        QCOMPARE(sb::measureTfSepNet(64, 17, 512, 64).int8Model.total(), expected);
        // And so does the file: every tensor except the calibration record and the metadata.
        int64_t fileBytes = 0;
        for (const auto& [name, t] : r.int8.stateDict()) {
            const QString key = QString::fromStdString(name);
            const bool record = key.startsWith(QLatin1String("quantization.")) || key.endsWith(QLatin1String(".min")) ||
                                key.endsWith(QLatin1String(".max"));
            if (!record) fileBytes += int64_t(t.nbytes());
        }
        QCOMPARE(fileBytes, expected);
        // Other widths and depth 16.
        for (const auto& [width, depth] : {std::pair{32, 16}, std::pair{48, 17}}) {
            sb::TfSepNetConfig config;
            config.width = width;
            config.depth = depth;
            QCOMPARE(sb::measureTfSepNet(config, 128, 64).int8Model.total(), expectedInt8Bytes(*sb::TfSepNet(config)));
        }
    }

    void checkpointRoundTripInCpp()
    {
        auto& r = reference();
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("student-int8.pt")).toStdString();
        sb::writeCheckpoint(path, r.int8.stateDict());
        const sb::Checkpoint back = sb::readCheckpoint(path);
        const sb::DetectedModel m = sb::detectModel(back, path);
        QVERIFY(m.kind == sb::ModelKind::TfSepNetInt8);
        QCOMPARE(m.tfsepnet.width, 64);
        QCOMPARE(m.tfsepnet.depth, 17);
        const sb::QuantizedTfSepNet loaded = sb::loadQuantizedTfSepNet(back, m, path);
        const torch::Tensor x = clipVariants(2, 7);
        QVERIFY(torch::equal(loaded.forward(x).logits, r.int8.forward(x).logits));
        QCOMPARE(loaded.record().calibrationClips, int64_t(24));
        // As float weights it is refused with a reason, not loaded as garbage.
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::loadTfSepNet(back, m, path));
        // A missing entry and a wrong dtype are named.
        for (const std::string& broken : {std::string("drop"), std::string("dtype")}) {
            sb::StateDict sd = r.int8.stateDict();
            const std::string key = "middle_layers.2.freq_pw_conv._conv.weight";
            const auto at = std::find_if(sd.begin(), sd.end(), [&](const auto& kv) { return kv.first == key; });
            if (broken == "drop") sd.erase(at);
            else at->second = at->second.to(torch::kFloat);
            try {
                sb::QuantizedTfSepNet::fromStateDict(sd, m.tfsepnet, path);
                QFAIL("expected an error");
            } catch (const sb::Error& e) {
                QVERIFY2(std::string(e.what()).find(key) != std::string::npos, e.what());
            }
        }
    }

    void checkpointLoadsInPyTorch()
    {
        if (!TorchPeer::available()) QSKIP("/usr/bin/python3 with torch (python3-torch) is not installed");
        auto& r = reference();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("student-int8.pt"));
        const sb::StateDict sd = r.int8.stateDict();
        sb::writeCheckpoint(path.toStdString(), sd);
        const QJsonArray tensors =
            TorchPeer::dump(path, /*weightsOnly=*/true).value(QStringLiteral("tensors")).toArray();
        QCOMPARE(size_t(tensors.size()), sd.size());
        int int8Tensors = 0;
        for (qsizetype i = 0; i < tensors.size(); ++i) {
            const QJsonObject t = tensors[i].toObject();
            QCOMPARE(t.value(QStringLiteral("name")).toString().toStdString(), sd[size_t(i)].first);
            QCOMPARE(t.value(QStringLiteral("hex")).toString(), TorchPeer::hexOf(sd[size_t(i)].second));
            const QString dtype = t.value(QStringLiteral("dtype")).toString();
            QCOMPARE(dtype, pythonDtype(sd[size_t(i)].second.scalar_type()));
            int8Tensors += dtype == QStringLiteral("int8");
        }
        QCOMPARE(int8Tensors, int(r.int8.convs().size()));
        QCOMPARE(names(sd).front(), std::string("quantization.format"));
    }
};

QTEST_GUILESS_MAIN(TestQuantization)
#include "tst_Quantization.moc"
