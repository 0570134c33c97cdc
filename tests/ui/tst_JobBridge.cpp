// Tests of the GUI job bridge: results arrive on the GUI thread, a restarted job or a
// closed view never receives a stale result, Cancel from the job panel stops a job,
// and the event loop stays responsive while a CPU-heavy job runs.
#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/common/ProgressTracker.h"
#include "ui/jobs/JobBridge.h"
#include "ui/jobs/JobPanel.h"
#include "ui/jobs/JobSlot.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <vector>

using sb::ui::JobBridge;
using sb::ui::JobSlot;

namespace {

// Busy work that keeps every core loaded for about `seconds`, reporting progress per
// unit (the relay and tracker must keep that from flooding the GUI) and polling cancel.
double cpuHeavy(sb::JobObserver& observer, sb::CancellationToken& token, double seconds)
{
    const long units = 200;
    sb::ProgressTracker tracker(&observer, "busy", units, 0.0);
    std::atomic<double> sink{0};
    QElapsedTimer clock;
    clock.start();
    const qint64 perUnitNs = qint64(seconds * 1e9 / units);
    for (long u = 0; u < units; ++u) {
        token.checkpoint();
        const qint64 until = clock.nsecsElapsed() + perUnitNs;
        sb::parallelFor(size_t(sb::defaultThreadCount()), sb::defaultThreadCount(), [&](size_t, size_t) {
            double x = 0;
            while (clock.nsecsElapsed() < until)
                for (int i = 1; i < 2000; ++i) x += std::sqrt(double(i));
            sink = sink + x;
        });
        tracker.advance();
    }
    return sink;
}

// Runs the event loop until pred() or timeout; true if pred() became true.
template <class Pred>
bool waitFor(Pred pred, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!pred() && t.elapsed() < timeoutMs) QTest::qWait(5);
    return pred();
}

class Receiver : public QObject {
public:
    JobSlot slot;
    std::vector<int> results;
    std::vector<bool> onGuiThread;
    explicit Receiver(JobBridge* bridge) : slot(bridge, this) {}
};

}  // namespace

class TestJobBridge : public QObject {
    Q_OBJECT
private slots:
    void deliversResultOnGuiThread()
    {
        JobBridge bridge;
        Receiver receiver(&bridge);
        QSignalSpy finished(&bridge, &JobBridge::jobFinished);
        receiver.slot.run(
            QStringLiteral("answer"), [](sb::JobObserver&, sb::CancellationToken&) { return 42; },
            [&](const int& value) {
                receiver.results.push_back(value);
                receiver.onGuiThread.push_back(QThread::currentThread() == qApp->thread());
            });
        QVERIFY(finished.wait(5000));
        QCOMPARE(receiver.results, std::vector<int>{42});
        QCOMPARE(receiver.onGuiThread, std::vector<bool>{true});
        QCOMPARE(finished.at(0).at(1).value<JobBridge::Outcome>(), JobBridge::Outcome::Succeeded);
    }

    void restartedJobNeverDeliversStaleResult()
    {
        JobBridge bridge;
        Receiver receiver(&bridge);
        QSignalSpy finished(&bridge, &JobBridge::jobFinished);
        // The first job ignores cancellation and would finish with 1; the restart wins.
        std::atomic<bool> release{false};
        receiver.slot.run(
            QStringLiteral("slow"),
            [&release](sb::JobObserver&, sb::CancellationToken&) {
                while (!release) QThread::msleep(1);
                return 1;
            },
            [&](const int& v) { receiver.results.push_back(v); });
        receiver.slot.run(
            QStringLiteral("fresh"), [](sb::JobObserver&, sb::CancellationToken&) { return 2; },
            [&](const int& v) { receiver.results.push_back(v); });
        QVERIFY(waitFor([&] { return finished.size() == 1; }));
        release = true;
        QVERIFY(waitFor([&] { return finished.size() == 2; }));
        QCOMPARE(receiver.results, std::vector<int>{2});
    }

    void closedViewReceivesNothing()
    {
        JobBridge bridge;
        QSignalSpy finished(&bridge, &JobBridge::jobFinished);
        std::atomic<bool> release{false};
        int delivered = 0;
        auto receiver = std::make_unique<Receiver>(&bridge);
        receiver->slot.run(
            QStringLiteral("orphan"),
            [&release](sb::JobObserver&, sb::CancellationToken&) {
                while (!release) QThread::msleep(1);
                return 7;
            },
            [&delivered](const int&) { ++delivered; });
        receiver.reset();
        release = true;
        QVERIFY(finished.wait(5000));
        QCOMPARE(delivered, 0);
    }

    void failureMessageNamesWhere()
    {
        JobBridge bridge;
        Receiver receiver(&bridge);
        QSignalSpy finished(&bridge, &JobBridge::jobFinished);
        receiver.slot.run(
            QStringLiteral("bad input"),
            [](sb::JobObserver&, sb::CancellationToken&) -> int { throw sb::Error("no such clip", "meta.csv:12"); },
            [&](const int& v) { receiver.results.push_back(v); });
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.at(0).at(1).value<JobBridge::Outcome>(), JobBridge::Outcome::Failed);
        QCOMPARE(finished.at(0).at(2).toString(), QStringLiteral("no such clip (meta.csv:12)"));
        QVERIFY(receiver.results.empty());
    }

    void cancelFromThePanel()
    {
        JobBridge bridge;
        sb::ui::JobPanel panel(&bridge);
        panel.show();
        Receiver receiver(&bridge);
        QSignalSpy progressed(&bridge, &JobBridge::jobProgressed);
        QSignalSpy finished(&bridge, &JobBridge::jobFinished);
        const quint64 id = receiver.slot.run(
            QStringLiteral("long job"),
            [](sb::JobObserver& o, sb::CancellationToken& t) { return int(cpuHeavy(o, t, 30.0)); },
            [&](const int& v) { receiver.results.push_back(v); });
        QCOMPARE(panel.rowCount(), 1);
        QVERIFY(waitFor([&] { return !progressed.isEmpty(); }));
        QToolButton* cancel = panel.cancelButton(id);
        QVERIFY(cancel);
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.at(0).at(1).value<JobBridge::Outcome>(), JobBridge::Outcome::Cancelled);
        QVERIFY2(clock.elapsed() < 2000, "Cancel must take effect within a second or so");
        QVERIFY(receiver.results.empty());
        QVERIFY(!panel.cancelButton(id));
    }

    void eventLoopStaysResponsive()
    {
        // A 5 ms timer measures its own lateness while a job loads every core.
        JobBridge bridge;
        sb::ui::JobPanel panel(&bridge);
        panel.show();
        Receiver receiver(&bridge);
        QSignalSpy finished(&bridge, &JobBridge::jobFinished);
        receiver.slot.run(
            QStringLiteral("busy"),
            [](sb::JobObserver& o, sb::CancellationToken& t) { return int(cpuHeavy(o, t, 2.0)); },
            [&](const int& v) { receiver.results.push_back(v); });

        std::vector<double> lateness;
        QElapsedTimer clock;
        clock.start();
        qint64 last = clock.nsecsElapsed();
        QTimer tick;
        tick.setTimerType(Qt::PreciseTimer);
        tick.setInterval(5);
        connect(&tick, &QTimer::timeout, [&] {
            const qint64 now = clock.nsecsElapsed();
            lateness.push_back(std::max(0.0, (now - last) / 1e6 - 5.0));
            last = now;
        });
        tick.start();
        QVERIFY(finished.wait(30000));
        tick.stop();
        QCOMPARE(receiver.results.size(), size_t(1));
        QVERIFY(lateness.size() > 50);
        std::sort(lateness.begin(), lateness.end());
        const double maxMs = lateness.back();
        const double p99 = lateness[size_t(0.99 * double(lateness.size() - 1))];
        qInfo("event-loop lateness over %zu ticks during a %d-thread busy job: max %.2f ms, p99 %.2f ms, median %.2f ms",
              lateness.size(), sb::defaultThreadCount(), maxMs, p99, lateness[lateness.size() / 2]);
        QVERIFY2(maxMs < 50.0, qPrintable(QStringLiteral("the GUI stalled %1 ms").arg(maxMs)));
    }
};

QTEST_MAIN(TestJobBridge)
#include "tst_JobBridge.moc"
