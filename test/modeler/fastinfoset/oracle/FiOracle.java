// Drives the Debian Fast Infoset reference implementation (FastInfoset.jar 1.2.12) in one JVM,
// for the tests and the benchmark. Run with the single-file source launcher:
//   java -cp FastInfoset.jar:FastInfosetUtilities.jar FiOracle.java fi2xml|xml2fi <list-file>
//     each line of the list is "<input>\t<output>"; prints "OK\t<input>" or "ERR\t<input>\t<message>"
//   java -cp ... FiOracle.java time <file.fi> <iterations>
//     prints one JSON line: per-iteration wall times (ms) of SAX, DOM and FI->XML decoding, the
//     process CPU time per run (all JVM threads), and the heap retained by one decoded DOM

import java.io.*;
import java.nio.file.*;
import java.util.*;

public class FiOracle {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("time")) {
            time(Files.readAllBytes(Paths.get(args[1])), Integer.parseInt(args[2]));
            return;
        }
        boolean toXml = args[0].equals("fi2xml");
        for (String line : Files.readAllLines(Paths.get(args[1]))) {
            if (line.isEmpty()) continue;
            String[] files = line.split("\t");
            try (InputStream in = new BufferedInputStream(new FileInputStream(files[0]));
                 OutputStream out = new BufferedOutputStream(new FileOutputStream(files[1]))) {
                if (toXml) new com.sun.xml.fastinfoset.tools.FI_SAX_XML().parse(in, out);
                else new com.sun.xml.fastinfoset.tools.XML_SAX_FI().parse(in, out, new File(files[0]).getParent());
                System.out.println("OK\t" + files[0]);
            } catch (Throwable t) {
                Throwable root = t;
                while (root.getCause() != null) root = root.getCause();
                System.out.println("ERR\t" + files[0] + "\t" + root.toString().replace('\n', ' ').replace('\t', ' '));
            }
        }
    }

    interface Run { void run(byte[] data) throws Exception; }

    static void time(byte[] data, int iterations) throws Exception {
        Run sax = d -> {
            com.sun.xml.fastinfoset.sax.SAXDocumentParser parser = new com.sun.xml.fastinfoset.sax.SAXDocumentParser();
            parser.setContentHandler(new org.xml.sax.helpers.DefaultHandler());
            parser.parse(new ByteArrayInputStream(d));
        };
        Run dom = d -> {
            org.w3c.dom.Document document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            new com.sun.xml.fastinfoset.dom.DOMDocumentParser().parse(document, new ByteArrayInputStream(d));
        };
        Run xml = d -> new com.sun.xml.fastinfoset.tools.FI_SAX_XML().parse(new ByteArrayInputStream(d), new ByteArrayOutputStream());
        StringBuilder json = new StringBuilder("{");
        String[] names = {"sax", "dom", "xml"};
        Run[] runs = {sax, dom, xml};
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < runs.length; r++) {
            double first = measure(runs[r], data);
            for (int i = 0; i < iterations; i++) measure(runs[r], data); // warm-up
            double[] times = new double[iterations];
            long cpuStart = os.getProcessCpuTime();
            for (int i = 0; i < iterations; i++) times[i] = measure(runs[r], data);
            double cpuPerRun = (os.getProcessCpuTime() - cpuStart) / 1e6 / iterations;
            json.append(r == 0 ? "" : ",").append('"').append(names[r]).append("\":{\"first\":").append(first)
                .append(",\"cpu\":").append(cpuPerRun).append(",\"times\":").append(Arrays.toString(times)).append('}');
        }
        json.append(",\"domRetainedMb\":").append(domRetainedMb(data)).append('}');
        System.out.println(json);
    }

    /** Heap held by one decoded DOM: used heap after a GC with the document alive, minus before. */
    static double domRetainedMb(byte[] data) throws Exception {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        org.w3c.dom.Document document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        new com.sun.xml.fastinfoset.dom.DOMDocumentParser().parse(document, new ByteArrayInputStream(data));
        for (int i = 0; i < 3; i++) System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        if (document.getDocumentElement() == null) System.out.print("");
        return (after - before) / 1048576.0;
    }

    static double measure(Run run, byte[] data) throws Exception {
        long start = System.nanoTime();
        run.run(data);
        return (System.nanoTime() - start) / 1e6;
    }
}
