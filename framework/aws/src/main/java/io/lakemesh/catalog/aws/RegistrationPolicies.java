package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The policies a location registered across accounts needs ("Requirements for roles used to
 * register locations", "Registering an Amazon S3 location in another AWS account"): the
 * registration role trusts Lake Formation, and the producer's bucket policy lets that role read and
 * write the registered prefix (the S3 actions of the role's typical policy there).
 */
final class RegistrationPolicies {
  private RegistrationPolicies() {}

  /** The statements the producer's bucket policy needs for the holder's registration role. */
  static ObjectNode bucketPolicy(S3Location root, String roleArn) {
    ObjectNode policy = Json.object().put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");
    ObjectNode objects = statements.addObject();
    objects.put("Sid", "LakeFormationRegistrationRoleObjects").put("Effect", "Allow");
    objects.putObject("Principal").put("AWS", roleArn);
    objects.putArray("Action").add("s3:GetObject").add("s3:PutObject").add("s3:DeleteObject");
    objects.put("Resource", "arn:aws:s3:::" + root.bucket() + "/" + root.prefix() + "*");
    ObjectNode list = statements.addObject();
    list.put("Sid", "LakeFormationRegistrationRoleList").put("Effect", "Allow");
    list.putObject("Principal").put("AWS", roleArn);
    list.put("Action", "s3:ListBucket").put("Resource", "arn:aws:s3:::" + root.bucket());
    if (!root.prefix().isEmpty()) {
      list.putObject("Condition")
          .putObject("StringLike")
          .putArray("s3:prefix")
          .add(root.prefix() + "*");
    }
    return policy;
  }

  /** The trust policy of a registration role: Lake Formation assumes it. */
  static ObjectNode trustPolicy() {
    ObjectNode policy = Json.object().put("Version", "2012-10-17");
    ObjectNode trust = policy.putArray("Statement").addObject();
    trust.put("Effect", "Allow");
    trust.putObject("Principal").put("Service", "lakeformation.amazonaws.com");
    trust.put("Action", "sts:AssumeRole");
    return policy;
  }
}
