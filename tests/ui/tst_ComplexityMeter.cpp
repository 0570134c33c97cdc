// Tests of the complexity meter widget: the paper's student (width 64, depth 17, 512
// mel bins) gives the published 126,858 parameters, and on the 64 frames a 1-s clip gives
// 29,413,888 MACs (science.md's 30,734,848 is for 65 frames); the int8 student's stored
// bytes, counted from the layer table, are shown against 128 kB; the figures follow edits;
// the per-layer model passes QAbstractItemModelTester and adds up.
#include "ui/experiment/ComplexityLayerModel.h"
#include "ui/experiment/ComplexityMeter.h"
#include "ui/jobs/JobBridge.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

using sb::ui::ComplexityLayerModel;
using sb::ui::ComplexityMeter;

namespace {

// What the int8 student stores, from the meter's own layer rows: one byte per conv weight
// (a Conv2d row's parameters, less the classifier's biases), 4 + 4 bytes per output
// channel (float32 scale, int32 bias), 4 + 1 per quantisation point: the input, each conv's
// output, 5 ResNorms and 3 per TF-Sep block (9 of them at depth 16 and 17), the logits.
qint64 storedInt8Bytes(const sb::ModelComplexity& c)
{
    qint64 weights = 0, channels = 0, convs = 0;
    for (const auto& l : c.layers) {
        if (l.type != "Conv2d") continue;
        weights += l.params - (l.name == "classifier.conv" ? l.outputShape[1] : 0);
        channels += l.outputShape[1];
        ++convs;
    }
    return weights + 8 * channels + 5 * (1 + convs + 5 + 3 * 9 + 1);
}

}  // namespace

class TestComplexityMeter : public QObject {
    Q_OBJECT
private slots:
    void paperStudent()
    {
        sb::ui::JobBridge bridge;
        ComplexityMeter meter(&bridge);
        QSignalSpy measured(&meter, &ComplexityMeter::measured);
        meter.setValues(64, 17, 512);
        QTRY_VERIFY_WITH_TIMEOUT(!measured.isEmpty() && meter.complexity().params > 0 &&
                                     meter.width() == 64,
                                 20000);
        QCOMPARE(meter.complexity().params, int64_t(126858));
        QCOMPARE(ComplexityMeter::framesPerSecond(), 64);
        QCOMPARE(meter.complexity().macs, int64_t(29413888));
        QCOMPARE(meter.complexity().bytesInt8, int64_t(126858));
        QCOMPARE(meter.complexity().bytesFp32, int64_t(4 * 126858));
        QVERIFY(meter.withinLimits());
        QVERIFY(!meter.verdictText().contains(QStringLiteral("exceeds")));
        // The int8 student as stored: over 128 kB (scales and int32 biases), shown in red.
        const qint64 stored = storedInt8Bytes(meter.complexity());
        QCOMPARE(qint64(meter.complexity().int8Model.total()), stored);
        QVERIFY(stored > 128 * 1024);
        const QString kB = QString::number(double(stored) / 1024.0, 'f', 1);
        QVERIFY2(meter.int8ModelText().startsWith(kB + QStringLiteral(" kB of 128.0 kB")),
                 qPrintable(meter.int8ModelText()));
        QVERIFY(meter.int8ModelText().contains(QStringLiteral("over")));
        const auto* bar = meter.findChild<QProgressBar*>(QStringLiteral("int8ModelBar"));
        QVERIFY(bar);
        QCOMPARE(bar->value(), bar->maximum());
        QCOMPARE(bar->format(), QString::number(100.0 * double(stored) / (128 * 1024), 'f', 1) + QLatin1Char('%'));

        // Width 72: ~37 M MACs and 160 k parameters, over both budgets; the verdict says so.
        measured.clear();
        meter.setValues(72, 17, 512);
        QTRY_VERIFY_WITH_TIMEOUT(!measured.isEmpty() && meter.width() == 72 && meter.complexity().macs > 30000000, 20000);
        QVERIFY(!meter.withinLimits());
        QVERIFY(meter.verdictText().contains(QStringLiteral("exceeds")));
    }

    void followsEditsAndLayerTableAddsUp()
    {
        sb::ui::JobBridge bridge;
        ComplexityMeter meter(&bridge);
        QAbstractItemModelTester tester(meter.layerModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy measured(&meter, &ComplexityMeter::measured);
        QTRY_VERIFY_WITH_TIMEOUT(!measured.isEmpty(), 20000);
        const int64_t macs64 = meter.complexity().macs;
        // Halving the mel bins roughly halves the MACs and leaves parameters alone.
        const int64_t params64 = meter.complexity().params;
        measured.clear();
        meter.findChildren<QSpinBox*>()[2]->setValue(256);  // the user types in Mel bins
        QTRY_VERIFY_WITH_TIMEOUT(!measured.isEmpty() && meter.complexity().inputShape[2] == 256, 20000);
        QCOMPARE(meter.complexity().params, params64);
        QVERIFY(meter.complexity().macs < macs64 * 0.6 && meter.complexity().macs > macs64 * 0.4);
        QVERIFY(meter.withinLimits());
        // Width 48: its int8 student fits, with room to spare.
        measured.clear();
        meter.setValues(48, 16, 256);
        QTRY_VERIFY_WITH_TIMEOUT(!measured.isEmpty() && meter.width() == 48 && meter.complexity().params > 0, 20000);
        QCOMPARE(qint64(meter.complexity().int8Model.total()), storedInt8Bytes(meter.complexity()));
        QVERIFY(meter.int8ModelText().contains(QStringLiteral("to spare")));

        const ComplexityLayerModel* layers = meter.layerModel();
        QCOMPARE(layers->rowCount(), int(meter.complexity().layers.size()));
        qint64 sum = 0;
        for (int r = 0; r < layers->rowCount(); ++r)
            sum += layers->index(r, 0).data(ComplexityLayerModel::MacsRole).toLongLong();
        QCOMPARE(sum, qint64(meter.complexity().macs));
    }
};

QTEST_MAIN(TestComplexityMeter)
#include "tst_ComplexityMeter.moc"
