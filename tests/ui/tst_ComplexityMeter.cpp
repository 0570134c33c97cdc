// Tests of the complexity meter widget: the paper's student (width 64, depth 17, 512
// mel bins) gives the published 126,858 parameters, and on the 64 frames a 1-s clip gives
// 29,413,888 MACs (science.md's 30,734,848 is for 65 frames); the figures follow edits;
// the per-layer model passes QAbstractItemModelTester and adds up.
#include "ui/experiment/ComplexityLayerModel.h"
#include "ui/experiment/ComplexityMeter.h"
#include "ui/jobs/JobBridge.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

using sb::ui::ComplexityLayerModel;
using sb::ui::ComplexityMeter;

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
