/*
 * Spark's own ExecutorAllocationManager and ExecutorMonitor driven by a listener-event trace,
 * as Spark's ExecutorAllocationManagerSuite drives them: a ManualClock, a recording
 * ExecutorAllocationClient, events handed to the manager's listener and then to the monitor
 * (their order on Spark's executorManagement queue), schedule() at every 100 ms tick.
 *
 * Protocol: one JSON object per stdin line, {"id", "conf": {key: value}, "events": [...]}
 * (the events of sim/spark/ListenerTraceRecorder.ts); one JSON line per input on stdout,
 * {"id", "decisions": [{"t", "d": "target"|"request"|"kill", ...}]} or {"id", "error"}.
 * Compiled per Spark version against that version's jars by build.sh (the same source: the
 * Scala collection types differ between 2.12 and 2.13 jars, so it relies on type inference).
 */
package dra.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.spark.ExecutorAllocationClient;
import org.apache.spark.ExecutorAllocationManager;
import org.apache.spark.SparkConf;
import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.UnknownReason$;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.resource.ResourceProfile$;
import org.apache.spark.resource.ResourceProfileManager;
import org.apache.spark.scheduler.JobSucceeded$;
import org.apache.spark.scheduler.LiveListenerBus;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.SparkListenerUnpersistRDD;
import org.apache.spark.scheduler.SparkListenerUnschedulableTaskSetAdded;
import org.apache.spark.scheduler.SparkListenerUnschedulableTaskSetRemoved;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import org.apache.spark.scheduler.TaskLocality$;
import org.apache.spark.scheduler.cluster.ExecutorInfo;
import org.apache.spark.scheduler.dynalloc.ExecutorMonitor;
import org.apache.spark.storage.BlockManagerId$;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.ManualClock;
import scala.Option;

public final class SparkDecisions {
  private static final long TICK_MS = 100;
  private static final int DEFAULT_PROFILE = 0;
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    // Spark logs through log4j to stdout/stderr; keep stdout for the protocol.
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
    System.setOut(System.err);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) continue;
      ObjectNode reply = JSON.createObjectNode();
      try {
        JsonNode input = JSON.readTree(line);
        reply.set("id", input.get("id"));
        reply.set("decisions", new Run(input.get("conf")).play(input.get("events")));
      } catch (Throwable t) {
        java.io.StringWriter sw = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(sw));
        reply.put("error", sw.toString());
      }
      out.println(JSON.writeValueAsString(reply));
      out.flush();
    }
  }

  /** One trace against fresh instances of Spark's classes. */
  static final class Run {
    final ManualClock clock = new ManualClock(0);
    final ArrayNode decisions = JSON.createArrayNode();
    final Set<String> registered = new HashSet<>();
    final Set<String> killed = new HashSet<>();
    final Map<Long, Integer> stageTasks = new HashMap<>();
    final ExecutorAllocationManager manager;
    final SparkListener listener;
    final ExecutorMonitor monitor;
    long nextTickMs = 0;
    long taskIds = 0;
    int lastTarget = -1;

    Run(JsonNode confJson) throws Exception {
      SparkConf conf = new SparkConf(false);
      for (Iterator<Map.Entry<String, JsonNode>> it = confJson.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        conf.set(e.getKey(), e.getValue().asText());
      }
      conf.set("spark.dynamicAllocation.enabled", "true");
      // Not the suite's testing mode: with it removeExecutors never calls killExecutors.
      conf.set("spark.dynamicAllocation.testing", "false");
      ResourceProfile$.MODULE$.reInitDefaultProfile(conf);
      LiveListenerBus bus = new LiveListenerBus(conf);
      ResourceProfileManager profiles = new ResourceProfileManager(conf, bus);
      ExecutorAllocationClient client = recordingClient();
      manager = newManager(client, bus, conf, profiles);
      listener = manager.listener();
      monitor = manager.executorMonitor();
      // What start() does, without its scheduling thread: ask for the initial target.
      recordTarget();
      decision("request").put("total", target());
    }

    ExecutorAllocationManager newManager(ExecutorAllocationClient client, LiveListenerBus bus, SparkConf conf, ResourceProfileManager profiles) throws Exception {
      for (Constructor<?> c : ExecutorAllocationManager.class.getConstructors()) {
        Object[] args;
        if (c.getParameterCount() == 6) args = new Object[] {client, bus, conf, Option.empty(), clock, profiles};
        // 3.5+: reliableShuffleStorage (a ShuffleDriverComponents that stores shuffles reliably).
        else if (c.getParameterCount() == 7) args = new Object[] {client, bus, conf, Option.empty(), clock, profiles, false};
        else continue;
        return (ExecutorAllocationManager) c.newInstance(args);
      }
      throw new IllegalStateException("no known ExecutorAllocationManager constructor in this Spark");
    }

    int target() {
      Object v = manager.numExecutorsTargetPerResourceProfileId().get(DEFAULT_PROFILE).get();
      return (Integer) v;
    }

    void recordTarget() {
      int t = target();
      if (t != lastTarget) {
        decision("target").put("target", t);
        lastTarget = t;
      }
    }

    ObjectNode decision(String kind) {
      ObjectNode d = decisions.addObject();
      d.put("t", clock.getTimeMillis());
      d.put("d", kind);
      return d;
    }

    /** The cluster manager side: acknowledges every request, kills what it is asked to. */
    ExecutorAllocationClient recordingClient() {
      return (ExecutorAllocationClient)
          Proxy.newProxyInstance(
              SparkDecisions.class.getClassLoader(),
              new Class<?>[] {ExecutorAllocationClient.class},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "requestTotalExecutors": {
                    @SuppressWarnings("unchecked")
                    scala.collection.Map<Object, Object> totals = (scala.collection.Map<Object, Object>) args[0];
                    Object total = totals.get(DEFAULT_PROFILE).get();
                    recordTarget();
                    decision("request").put("total", (Integer) total);
                    return true;
                  }
                  case "killExecutors": {
                    scala.collection.Seq<?> ids = (scala.collection.Seq<?>) args[0];
                    ArrayNode arr = decision("kill").putArray("ids");
                    for (int i = 0; i < ids.length(); i++) {
                      arr.add((String) ids.apply(i));
                      killed.add((String) ids.apply(i));
                    }
                    return args[0];
                  }
                  case "isExecutorActive":
                    return registered.contains((String) args[0]) && !killed.contains((String) args[0]);
                  case "requestExecutors":
                    return true;
                  case "killExecutorsOnHost":
                  case "decommissionExecutorsOnHost":
                  case "decommissionExecutor":
                  case "killExecutor":
                    return false;
                  case "hashCode":
                    return System.identityHashCode(proxy);
                  case "equals":
                    return proxy == args[0];
                  case "toString":
                    return "RecordingExecutorAllocationClient";
                  default:
                    throw new UnsupportedOperationException("ExecutorAllocationClient." + method.getName() + " is not modelled");
                }
              });
    }

    /** Ticks at every 100 ms boundary up to (inclusive or not) `t`, then the clock at `t`. */
    void tickUntil(long t, boolean inclusive) {
      while (inclusive ? nextTickMs <= t : nextTickMs < t) {
        clock.setTime(nextTickMs);
        if (String.valueOf(nextTickMs).equals(System.getenv("DRA_ORACLE_DEBUG_AT"))) dumpMonitor();
        manager.org$apache$spark$ExecutorAllocationManager$$schedule();
        recordTarget();
        nextTickMs += TICK_MS;
      }
      clock.setTime(t);
    }

    ArrayNode play(JsonNode events) throws Exception {
      for (JsonNode ev : events) {
        long t = ev.get("t").asLong();
        String kind = ev.get("e").asText();
        if (kind.equals("tick")) {
          if (t % TICK_MS != 0) throw new IllegalArgumentException("tick at " + t + " ms is not on a 100 ms boundary");
          tickUntil(t, true);
          continue;
        }
        tickUntil(t, false);
        if (kind.equals("end")) break;
        post(kind, ev, t);
        recordTarget();
      }
      return decisions;
    }

    static Properties props() {
      return new Properties();
    }

    StageInfo stageInfo(int stageId, int attempt, int numTasks, int shuffleId) {
      Option<Object> shuffle = shuffleId < 0 ? Option.empty() : Option.apply((Object) shuffleId);
      return new StageInfo(stageId, attempt, "stage " + stageId, numTasks, scalaList(new ArrayList<>()), scalaList(new ArrayList<>()), "", null,
          scalaList(new ArrayList<>()), shuffle, DEFAULT_PROFILE, false, 0);
    }

    TaskInfo taskInfo(JsonNode ev, long t) {
      return new TaskInfo(taskIds++, ev.get("index").asInt(), 0, ev.get("index").asInt(), t, ev.get("exec").asText(), "host", TaskLocality$.MODULE$.ANY(), ev.get("spec").asBoolean());
    }

    void post(String kind, JsonNode ev, long t) throws Exception {
      switch (kind) {
        case "jobStart": {
          List<StageInfo> stages = new ArrayList<>();
          for (JsonNode s : ev.get("stages")) stages.add(stageInfo(s.get(0).asInt(), 0, s.get(1).asInt(), s.get(2).asInt()));
          SparkListenerJobStart e = new SparkListenerJobStart(ev.get("job").asInt(), t, scalaList(stages), props());
          listener.onJobStart(e);
          monitor.onJobStart(e);
          return;
        }
        case "jobEnd": {
          SparkListenerJobEnd e = new SparkListenerJobEnd(ev.get("job").asInt(), t, JobSucceeded$.MODULE$);
          listener.onJobEnd(e);
          monitor.onJobEnd(e);
          return;
        }
        case "stageSubmitted": {
          int stage = ev.get("stage").asInt(), attempt = ev.get("attempt").asInt(), tasks = ev.get("tasks").asInt();
          stageTasks.put(stage * 1_000_000L + attempt, tasks);
          SparkListenerStageSubmitted e = new SparkListenerStageSubmitted(stageInfo(stage, attempt, tasks, -1), props());
          listener.onStageSubmitted(e);
          monitor.onStageSubmitted(e);
          return;
        }
        case "stageCompleted": {
          int stage = ev.get("stage").asInt(), attempt = ev.get("attempt").asInt();
          int tasks = stageTasks.getOrDefault(stage * 1_000_000L + attempt, 0);
          SparkListenerStageCompleted e = new SparkListenerStageCompleted(stageInfo(stage, attempt, tasks, -1));
          listener.onStageCompleted(e);
          monitor.onStageCompleted(e);
          return;
        }
        case "taskStart": {
          SparkListenerTaskStart e = new SparkListenerTaskStart(ev.get("stage").asInt(), ev.get("attempt").asInt(), taskInfo(ev, t));
          listener.onTaskStart(e);
          monitor.onTaskStart(e);
          return;
        }
        case "taskEnd": {
          String reason = ev.get("reason").asText();
          TaskEndReason r;
          if (reason.equals("Success")) r = Success$.MODULE$;
          else if (reason.equals("Failure")) r = UnknownReason$.MODULE$;
          else throw new IllegalArgumentException("task end reason " + reason + " is not modelled here");
          SparkListenerTaskEnd e = new SparkListenerTaskEnd(ev.get("stage").asInt(), ev.get("attempt").asInt(), "ResultTask", r, taskInfo(ev, t), new ExecutorMetrics(), null);
          listener.onTaskEnd(e);
          monitor.onTaskEnd(e);
          return;
        }
        case "unschedulableTaskSetAdded": {
          SparkListenerUnschedulableTaskSetAdded e = new SparkListenerUnschedulableTaskSetAdded(ev.get("stage").asInt(), ev.get("attempt").asInt());
          listener.onUnschedulableTaskSetAdded(e);
          monitor.onUnschedulableTaskSetAdded(e);
          return;
        }
        case "unschedulableTaskSetRemoved": {
          SparkListenerUnschedulableTaskSetRemoved e = new SparkListenerUnschedulableTaskSetRemoved(ev.get("stage").asInt(), ev.get("attempt").asInt());
          listener.onUnschedulableTaskSetRemoved(e);
          monitor.onUnschedulableTaskSetRemoved(e);
          return;
        }
        case "executorAdded": {
          String id = ev.get("exec").asText();
          registered.add(id);
          SparkListenerExecutorAdded e = new SparkListenerExecutorAdded(t, id, executorInfo());
          listener.onExecutorAdded(e);
          monitor.onExecutorAdded(e);
          return;
        }
        case "executorRemoved": {
          String id = ev.get("exec").asText();
          registered.remove(id);
          killed.remove(id);
          SparkListenerExecutorRemoved e = new SparkListenerExecutorRemoved(t, id, ev.get("reason").asText());
          listener.onExecutorRemoved(e);
          monitor.onExecutorRemoved(e);
          return;
        }
        case "blockUpdated": {
          StorageLevel level = !ev.get("valid").asBoolean() ? StorageLevel.NONE() : ev.get("disk").asBoolean() ? StorageLevel.MEMORY_AND_DISK() : StorageLevel.MEMORY_ONLY();
          BlockUpdatedInfo info = new BlockUpdatedInfo(BlockManagerId$.MODULE$.apply(ev.get("exec").asText(), "host", 7337, Option.empty()),
              new RDDBlockId(ev.get("rdd").asInt(), ev.get("part").asInt()), level, 1L, 0L);
          SparkListenerBlockUpdated e = new SparkListenerBlockUpdated(info);
          listener.onBlockUpdated(e);
          monitor.onBlockUpdated(e);
          return;
        }
        case "unpersistRDD": {
          SparkListenerUnpersistRDD e = new SparkListenerUnpersistRDD(ev.get("rdd").asInt());
          listener.onUnpersistRDD(e);
          monitor.onUnpersistRDD(e);
          return;
        }
        case "shuffleCleaned": {
          // ExecutorMonitor.shuffleCleaned (the ContextCleaner's callback) posts this event only
          // when shuffle tracking is on; the monitor handles it in onOtherEvent.
          if (!shuffleTrackingEnabled()) return;
          Class<?> c = Class.forName("org.apache.spark.scheduler.dynalloc.ExecutorMonitor$ShuffleCleanedEvent");
          Constructor<?> k = c.getConstructor(ExecutorMonitor.class, int.class);
          Object e = k.newInstance(monitor, ev.get("shuffle").asInt());
          listener.onOtherEvent((org.apache.spark.scheduler.SparkListenerEvent) e);
          monitor.onOtherEvent((org.apache.spark.scheduler.SparkListenerEvent) e);
          return;
        }
        default:
          throw new IllegalArgumentException("event " + kind + " is not modelled here");
      }
    }

    /** DRA_ORACLE_DEBUG_AT=<ms>: the monitor's trackers before the tick at that time, on stderr. */
    void dumpMonitor() {
      try {
        System.err.println("tick " + nextTickMs + ": timed out " + monitor.timedOutExecutors());
        for (java.lang.reflect.Field f : ExecutorMonitor.class.getDeclaredFields()) {
          if (!f.getName().endsWith("executors")) continue;
          f.setAccessible(true);
          Map<?, ?> execs = (Map<?, ?>) f.get(monitor);
          for (Map.Entry<?, ?> e : execs.entrySet()) {
            StringBuilder b = new StringBuilder("  " + e.getKey() + ":");
            for (java.lang.reflect.Field g : e.getValue().getClass().getDeclaredFields()) {
              g.setAccessible(true);
              b.append(" ").append(g.getName().replaceAll(".*\\$", "")).append("=").append(g.get(e.getValue()));
            }
            System.err.println(b);
          }
        }
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    }

    boolean shuffleTrackingEnabled() throws Exception {
      for (java.lang.reflect.Field f : ExecutorMonitor.class.getDeclaredFields()) {
        if (f.getName().endsWith("shuffleTrackingEnabled") && f.getType() == boolean.class) {
          f.setAccessible(true);
          return f.getBoolean(monitor);
        }
      }
      throw new IllegalStateException("ExecutorMonitor has no shuffleTrackingEnabled field in this Spark");
    }

    static ExecutorInfo executorInfo() {
      scala.collection.immutable.Map<String, String> none = scala.collection.immutable.Map$.MODULE$.empty();
      return new ExecutorInfo("host", 1, none, none, scala.collection.immutable.Map$.MODULE$.empty(), DEFAULT_PROFILE);
    }

    @SuppressWarnings("deprecation")
    static <T> scala.collection.immutable.List<T> scalaList(List<T> xs) {
      return scala.collection.JavaConverters.asScalaBuffer(xs).toList();
    }
  }
}
