package k8snet.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import k8snet.net.Delivery;

/** What several scenarios do: a request, and the receiver's reply when the request arrived. */
final class Steps {

    private Steps() {
    }

    /**
     * The request, then, if it was delivered, the receiver's reply made by {@code reply} (a network's
     * {@code reply} method); an undelivered request has no reply to show.
     */
    static List<Step> withReply(BiFunction<Delivery.Delivered, String, Delivery> reply, Step request,
                                String replyLabel, String payload) {
        List<Step> steps = new ArrayList<>();
        steps.add(request);
        if (request.delivery() instanceof Delivery.Delivered delivered) {
            steps.add(new Step(replyLabel, reply.apply(delivered, payload)));
        }
        return List.copyOf(steps);
    }
}
