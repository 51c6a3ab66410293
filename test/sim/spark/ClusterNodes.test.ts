import { describe, expect, it } from "vitest";
import { ClusterNodes } from "../../../sim/spark/ClusterNodes.js";

describe("ClusterNodes: the host of each executor", () => {
  it("without cluster.nodes each executor has a host of its own, known once placed and after it left", () => {
    const nodes = new ClusterNodes(0, () => 0, Infinity);
    expect(nodes.hostOf("7")).toBeUndefined();
    expect(nodes.place("7")).toBe("host-7");
    expect(nodes.place("7")).toBe("host-7");
    // Far past the first ones: the bookkeeping grows.
    expect(nodes.place("100000")).toBe("host-100000");
    nodes.release("7");
    expect(nodes.hostOf("7")).toBe("host-7");
    expect(nodes.hostOf("100000")).toBe("host-100000");
    expect(nodes.hostOf("8")).toBeUndefined();
  });

  it("ids that are not plain numbers get a host of their own too", () => {
    const nodes = new ClusterNodes(0, () => 0, Infinity);
    for (const id of ["exec-1", "07", "", "12345678"]) {
      expect(nodes.hostOf(id)).toBeUndefined();
      expect(nodes.place(id)).toBe(`host-${id}`);
      expect(nodes.hostOf(id)).toBe(`host-${id}`);
    }
    expect(nodes.hostOf("7")).toBeUndefined();
  });

  it("a host given by the cluster manager wins, and an executor keeps the host it was placed on", () => {
    const nodes = new ClusterNodes(0, () => 0, Infinity);
    expect(nodes.place("3", "worker-2")).toBe("worker-2");
    expect(nodes.place("3")).toBe("worker-2");
    expect(nodes.hostOf("3")).toBe("worker-2");
  });

  it("with cluster.nodes executors fill the first node with room, and a node has room again when one leaves", () => {
    const nodes = new ClusterNodes(2, () => 2, 2);
    expect(["1", "2", "3"].map((id) => nodes.place(id))).toEqual(["node-1", "node-1", "node-2"]);
    expect(nodes.loadOf(0)).toBe(2);
    nodes.release("1");
    expect(nodes.loadOf(0)).toBe(1);
    expect(nodes.place("4")).toBe("node-1");
    expect(nodes.hostOf("1")).toBe("node-1");
  });
});
